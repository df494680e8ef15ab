'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { BatchProgressControls, STATE_LABELS } from './batch-controls';
import { batchesQuery } from './batches-query';

/** The gallery's batch cards: one per batch (its tasks open from it), newest first, live while any runs. */
export function BatchCards() {
  const { data: batches = [] } = useQuery(batchesQuery);
  if (batches.length === 0) return null;
  return (
    <ul aria-label="Batches" className="flex flex-col gap-2">
      {batches.slice(0, 5).map((batch) => (
        <li key={batch.id}>
          <article
            aria-label={`Batch ${batch.recipeName}`}
            className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900 p-3"
          >
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="min-w-0 text-sm font-semibold break-words text-zinc-100">
                Batch: {batch.recipeName}{' '}
                <span className="font-normal text-zinc-400">
                  · {batch.progress.total} tasks · {STATE_LABELS[batch.state]}
                </span>
              </h3>
              <Link
                href={`/batch/${batch.id}`}
                className="shrink-0 text-xs font-medium text-violet-300 hover:text-violet-200"
              >
                Open batch
              </Link>
            </div>
            <BatchProgressControls batch={batch} />
          </article>
        </li>
      ))}
    </ul>
  );
}
