'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { cancelBatchAction, pauseBatch, resumeBatch, retryFailedAction, type BatchView } from '@/app/batch/actions';
import { describeTimeLeft } from '@/lib/batches/progress';
import { BATCHES_KEY } from './batches-query';

const buttonClass =
  'rounded-lg bg-zinc-800 px-2.5 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-700 disabled:opacity-60';

/** A batch's progress bar, counts and time left, and the controls its state allows. */
export function BatchProgressControls({ batch }: { batch: BatchView }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const { progress, controls } = batch;

  async function run(action: (id: string) => Promise<{ ok: boolean; error?: { message: string } }>) {
    setBusy(true);
    const result = await action(batch.id).catch(() => null);
    setBusy(false);
    setMessage(
      !result ? 'The studio could not reach the server; try again.' : result.ok ? '' : (result.error?.message ?? ''),
    );
    await queryClient.invalidateQueries({ queryKey: BATCHES_KEY });
  }

  return (
    <div className="flex flex-col gap-2">
      <div
        role="progressbar"
        aria-label={`Batch progress: ${batch.recipeName}`}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done + progress.failed + progress.cancelled}
        className="flex h-2 overflow-hidden rounded-full bg-zinc-800"
      >
        <div className="bg-emerald-500" style={{ width: `${(progress.done / Math.max(1, progress.total)) * 100}%` }} />
        <div className="bg-red-500" style={{ width: `${(progress.failed / Math.max(1, progress.total)) * 100}%` }} />
        <div
          className="bg-violet-500/70"
          style={{ width: `${(progress.running / Math.max(1, progress.total)) * 100}%` }}
        />
      </div>
      <p className="text-xs tabular-nums text-zinc-300" data-batch-counts>
        {progress.done} done · {progress.running} running · {progress.failed} failed · {progress.toGo} to go
        {progress.cancelled > 0 ? ` · ${progress.cancelled} cancelled` : ''}
        {batch.state === 'running' ? ` · ${describeTimeLeft(progress.secondsLeft)}` : ''}
      </p>
      <div className="flex flex-wrap gap-1.5">
        {controls.pause && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void run(pauseBatch)}>
            Pause
          </button>
        )}
        {controls.resume && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void run(resumeBatch)}>
            Resume
          </button>
        )}
        {controls.retryFailed && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void run(retryFailedAction)}>
            Retry failed
          </button>
        )}
        {controls.cancel && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void run(cancelBatchAction)}>
            Cancel batch
          </button>
        )}
        {progress.done > 0 && (
          <a href={`/api/batches/${batch.id}/zip`} download className={buttonClass}>
            Download ZIP
          </a>
        )}
      </div>
      <p role="status" className="text-xs text-red-300 empty:hidden">
        {message}
      </p>
    </div>
  );
}

export const STATE_LABELS: Record<BatchView['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  done: 'Finished',
};
