'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { retryJob } from '@/app/(studio)/job-actions';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import { isRetryable, type JobStatus } from '@/lib/jobs/types';

/**
 * Retry a failed or uncertain task: the server submits the same inputs (references, mask, prompt, options) as a
 * new task, once per original however often this is pressed. Renders nothing for other states.
 */
export function RetryButton({ jobId, status }: { jobId: string; status: JobStatus }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!isRetryable(status)) return null;

  function retry() {
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
      {error && (
        <p id={`retry-error-${jobId}`} role="alert" className="text-sm text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
