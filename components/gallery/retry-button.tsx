'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { retryJob } from '@/app/(studio)/job-actions';
import { useCost } from '@/components/cost/cost-context';
import { estimateTask, formatEstimate, type PricedTask } from '@/lib/cost/estimate';
import { formatMoney } from '@/lib/cost/money';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import { isRetryable, type JobStatus } from '@/lib/jobs/types';

/**
 * Retry a failed or uncertain task: the server submits the same inputs (references, mask, prompt, options) as a
 * new task, once per original however often this is pressed. Renders nothing for other states.
 */
export function RetryButton({ jobId, status, task }: { jobId: string; status: JobStatus; task?: PricedTask }) {
  const cost = useCost();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!isRetryable(status)) return null;
  // A Retry sends the same task again, so it costs what the task did.
  const estimate = cost && task ? estimateTask(cost.pricing, task) : null;

  function retry() {
    if (estimate && cost?.confirmAboveMicros != null && estimate.micros > cost.confirmAboveMicros) {
      const amount = formatMoney(estimate.micros, estimate.currency);
      if (!window.confirm(`This Retry is estimated at ≈ ${amount}. Retry anyway?`)) return;
    }
    setError(null);
    startTransition(async () => {
      const result = await retryJob(jobId);
      if (!result.ok) setError(result.error.message);
      await queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
    });
  }

  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={retry}
        disabled={pending}
        aria-describedby={error ? `retry-error-${jobId}` : undefined}
        className="rounded-md bg-violet-700 px-3 py-1 text-sm font-medium text-white hover:bg-violet-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:opacity-60"
      >
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      {estimate && estimate.micros > 0 && (
        <span data-cost-estimate="retry" className="text-xs tabular-nums text-zinc-300">
          <span className="sr-only">Estimated cost of Retry: </span>
          {formatEstimate(estimate)}
        </span>
      )}
      {error && (
        <p id={`retry-error-${jobId}`} role="alert" className="text-sm text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
