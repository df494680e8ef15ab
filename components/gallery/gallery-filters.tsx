'use client';

import { useEffect, useId, useState } from 'react';
import type { GalleryFilter } from '@/lib/jobs/queries';
import { STATUS_LABELS, type JobStatus } from '@/lib/jobs/types';

const fieldClass =
  'rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500';

/** Filter by text in the prompt (debounced while typing) and by status. */
export function GalleryFilters({ filter, onChange }: { filter: GalleryFilter; onChange(filter: GalleryFilter): void }) {
  const id = useId();
  const [text, setText] = useState(filter.q ?? '');
  const { status } = filter;

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.q ?? '') !== text) onChange({ q: text, status });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, filter.q, status, onChange]);

  return (
    <div role="search" aria-label="Filter the gallery" className="flex gap-2">
      <label htmlFor={`${id}-q`} className="sr-only">
        Filter by prompt
      </label>
      <input
        id={`${id}-q`}
        type="search"
        placeholder="Filter by prompt"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={`${fieldClass} min-w-0 flex-1`}
      />
      <label htmlFor={`${id}-status`} className="sr-only">
        Filter by status
      </label>
      <select
        id={`${id}-status`}
        value={status ?? ''}
        onChange={(e) => onChange({ q: text, status: (e.target.value || undefined) as JobStatus | undefined })}
        className={fieldClass}
      >
        <option value="">All</option>
        {(Object.keys(STATUS_LABELS) as JobStatus[]).map((value) => (
          <option key={value} value={value}>
            {STATUS_LABELS[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
