'use client';

import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ApprovalFilter } from '@/lib/jobs/gallery-filter';
import { galleryChoicesQuery, type GalleryFilter } from '@/lib/jobs/queries';
import { fieldClass } from './field-class';

const chip =
  'rounded-md px-2.5 py-1 text-xs font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 aria-pressed:bg-violet-700 aria-pressed:text-white';
const small = `${fieldClass} py-1 text-xs`;

const APPROVAL_LABELS: Record<ApprovalFilter, string> = {
  approved: 'Approved only',
  rejected: 'Rejected',
  none: 'Not decided',
};

/** Whose work (Mine, Everyone, a person), Starred, a board, the team's decision, and a date range. */
export function CurationFilters({
  filter,
  onChange,
}: {
  filter: GalleryFilter;
  onChange(filter: GalleryFilter): void;
}) {
  const id = useId();
  const choices = useQuery(galleryChoicesQuery()).data;
  const set = (patch: Partial<GalleryFilter>) => onChange({ ...filter, ...patch });
  const person = filter.by && filter.by !== 'mine' ? filter.by : '';

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Whose tasks" className="flex rounded-lg border border-zinc-700 p-0.5">
        <button type="button" aria-pressed={!filter.by} onClick={() => set({ by: undefined })} className={chip}>
          Everyone
        </button>
        <button type="button" aria-pressed={filter.by === 'mine'} onClick={() => set({ by: 'mine' })} className={chip}>
          Mine
        </button>
      </div>
      <label htmlFor={`${id}-person`} className="sr-only">
        Person
      </label>
      <select
        id={`${id}-person`}
        value={person}
        onChange={(e) => set({ by: e.target.value || undefined })}
        className={small}
      >
        <option value="">Any person</option>
        {choices?.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.active ? p.name : `${p.name} (deactivated)`}
          </option>
        ))}
      </select>
      {/* A checkbox, not a button: a result's own toggle is the button named Star. */}
      <label className="flex items-center gap-1.5 rounded-lg border border-zinc-700 px-2 py-1 text-xs text-zinc-200">
        <input
          type="checkbox"
          checked={Boolean(filter.starred)}
          onChange={(e) => set({ starred: e.target.checked || undefined })}
          className="size-3.5 accent-violet-500"
        />
        Starred
      </label>
      <label htmlFor={`${id}-board`} className="sr-only">
        Board
      </label>
      <select
        id={`${id}-board`}
        value={filter.board ?? ''}
        onChange={(e) => set({ board: e.target.value || undefined })}
        className={small}
      >
        <option value="">All boards</option>
        {choices?.boards.map((board) => (
          <option key={board.id} value={board.id}>
            {board.name}
          </option>
        ))}
        {filter.board && !choices?.boards.some((board) => board.id === filter.board) && (
          <option value={filter.board}>A board</option>
        )}
      </select>
      <label htmlFor={`${id}-approval`} className="sr-only">
        Approval
      </label>
      <select
        id={`${id}-approval`}
        value={filter.approval ?? ''}
        onChange={(e) => set({ approval: (e.target.value || undefined) as ApprovalFilter | undefined })}
        className={small}
      >
        <option value="">Any decision</option>
        {(Object.keys(APPROVAL_LABELS) as ApprovalFilter[]).map((value) => (
          <option key={value} value={value}>
            {APPROVAL_LABELS[value]}
          </option>
        ))}
      </select>
      {/* A client's decision through a review link, apart from the team's own above. */}
      <label className="flex items-center gap-1.5 rounded-lg border border-zinc-700 px-2 py-1 text-xs text-zinc-200">
        <input
          type="checkbox"
          checked={Boolean(filter.clientApproved)}
          onChange={(e) => set({ clientApproved: e.target.checked || undefined })}
          className="size-3.5 accent-violet-500"
        />
        Approved by client
      </label>
      {/* Dates are used less: folded away unless set (a linked view with dates opens with them shown). */}
      <details open={Boolean(filter.from || filter.to)} className="group text-xs text-zinc-300">
        <summary className="cursor-pointer rounded-md px-1.5 py-1 hover:bg-zinc-800">
          {filter.from || filter.to ? `Dates: ${filter.from ?? '…'} – ${filter.to ?? '…'}` : 'Dates'}
        </summary>
        <div className="mt-1 flex flex-wrap gap-2">
          <label className="flex items-center gap-1">
            From
            <input
              type="date"
              value={filter.from ?? ''}
              max={filter.to}
              onChange={(e) => set({ from: e.target.value || undefined })}
              className={small}
            />
          </label>
          <label className="flex items-center gap-1">
            To
            <input
              type="date"
              value={filter.to ?? ''}
              min={filter.from}
              onChange={(e) => set({ to: e.target.value || undefined })}
              className={small}
            />
          </label>
        </div>
      </details>
    </div>
  );
}
