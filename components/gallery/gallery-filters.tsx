'use client';

import { useEffect, useId, useState } from 'react';
import type { GalleryFilter } from '@/lib/jobs/queries';
import { STATUS_LABELS, type JobStatus } from '@/lib/jobs/types';
import { CurationFilters } from './curation-filters';
import { fieldClass } from './field-class';

/**
 * Filter by text in the prompt (debounced while typing) and by status, and below, by person, star, board, decision
 * and date. Every change replaces the whole filter, which the gallery mirrors into the URL.
 */
export function GalleryFilters({ filter, onChange }: { filter: GalleryFilter; onChange(filter: GalleryFilter): void }) {
  const id = useId();
  const [text, setText] = useState(filter.q ?? '');

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.q ?? '') !== text) onChange({ ...filter, q: text });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, filter, onChange]);

  return (
    <div role="search" aria-label="Filter the gallery" className="flex flex-col gap-2">
      <div className="flex gap-2">
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
          value={filter.status ?? ''}
          onChange={(e) =>
            onChange({ ...filter, q: text, status: (e.target.value || undefined) as JobStatus | undefined })
          }
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
      <CurationFilters filter={{ ...filter, q: text }} onChange={onChange} />
    </div>
  );
}
