'use client';

import { useQuery } from '@tanstack/react-query';
import type { BatchItemView } from '@/app/batch/actions';
import { AddBatchToBoard } from './add-batch-to-board';
import { BatchProgressControls, STATE_LABELS } from './batch-controls';
import { batchDetailQuery } from './batches-query';

const STATUS: Record<BatchItemView['status'], string> = {
  queued: 'To go',
  running: 'Running',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** One batch: its progress and controls, then every item with its original and result side by side. */
export function BatchDetail({ id }: { id: string }) {
  const { data, error } = useQuery(batchDetailQuery(id));
  if (error)
    return (
      <p role="alert" className="text-sm text-red-300">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-zinc-400">Loading the batch…</p>;
  const { batch, items } = data;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1 className="text-lg font-semibold text-zinc-50">Batch: {batch.recipeName}</h1>
        <p className="text-sm text-zinc-400">
          {STATE_LABELS[batch.state]} · {batch.progress.total} tasks · started{' '}
          {new Date(batch.createdAt).toLocaleString()}
        </p>
      </div>
      <BatchProgressControls batch={batch} />
      {batch.progress.done > 0 && <AddBatchToBoard batchId={batch.id} />}
      <ul aria-label="Batch tasks" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <li
            key={item.id}
            aria-label={`${item.filename}${item.ratio ? ` ${item.ratio}` : ''}: ${STATUS[item.status]}`}
            className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900 p-2"
          >
            <div className="grid grid-cols-2 gap-1.5">
              <figure className="flex flex-col gap-0.5">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route */}
                <img
                  src={item.originalThumbUrl}
                  alt={`Original: ${item.filename}`}
                  loading="lazy"
                  className="aspect-square w-full rounded object-cover"
                />
                <figcaption className="text-[11px] text-zinc-400">Original</figcaption>
              </figure>
              <figure className="flex flex-col gap-0.5">
                {item.resultThumbUrl ? (
                  <a href={item.resultUrl ?? undefined} target="_blank" rel="noreferrer">
                    {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route */}
                    <img
                      src={item.resultThumbUrl}
                      alt={`Result: ${item.filename}`}
                      loading="lazy"
                      className="aspect-square w-full rounded object-cover"
                    />
                  </a>
                ) : (
                  <div className="flex aspect-square w-full items-center justify-center rounded bg-zinc-800 text-xs text-zinc-400">
                    {STATUS[item.status]}
                  </div>
                )}
                <figcaption className="text-[11px] text-zinc-400">Result</figcaption>
              </figure>
            </div>
            <p className="truncate text-xs text-zinc-200" title={item.filename}>
              {item.filename}
              {item.ratio ? ` · ${item.ratio}` : ''} · <span className="text-zinc-400">{STATUS[item.status]}</span>
            </p>
            {item.error && <p className="text-xs text-red-300">{item.error}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
