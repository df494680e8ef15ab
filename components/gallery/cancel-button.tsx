'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { cancelJob } from '@/app/(studio)/job-actions';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import { isFinal, type JobStatus } from '@/lib/jobs/types';

/**
 * Stop following an unfinished task. The image API has no cancel call, so the note says what this does not do:
 * the service may still finish the task and bill it. Renders nothing once the task is final.
 */
export function CancelButton({ jobId, status }: { jobId: string; status: JobStatus }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (isFinal(status)) return null;

  function cancel() {
    setError(null);
    startTransition(async () => {
      const result = await cancelJob(jobId);
      if (!result.ok) setError(result.error.message);
      await queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <p id={`cancel-note-${jobId}`} className="text-xs text-zinc-400">
        Cancel stops following this task; the image service may still finish it and bill it.
      </p>
      <button
        type="button"
        onClick={cancel}
        disabled={pending}
        aria-describedby={`cancel-note-${jobId}${error ? ` cancel-error-${jobId}` : ''}`}
        className="rounded-md px-2 py-1 text-xs font-medium text-zinc-200 ring-1 ring-zinc-700 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:opacity-60"
      >
        Cancel
      </button>
      {error && (
        <p id={`cancel-error-${jobId}`} role="alert" className="text-sm text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}
