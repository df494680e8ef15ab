'use client';

import { useId, useState, type KeyboardEvent, memo } from 'react';
import { ReviewShareButton } from '@/components/review/review-share-button';
import { isFinal, STATUS_LABELS, type Job } from '@/lib/jobs/types';
import { JobCard } from './job-card';
import type { ResultActions } from './result-tile';

interface SetCardProps {
  setId: string;
  jobs: Job[];
  actions: ResultActions;
  onEditAgain(job: Job): void;
}

const DOT: Record<Job['status'], string> = {
  queued: 'bg-zinc-400',
  in_progress: 'bg-sky-400',
  completed: 'bg-emerald-400',
  failed: 'bg-red-400',
  uncertain: 'bg-amber-400',
};

/**
 * A ratio set: one card, one tab per ratio showing that task's status and progress; the open tab is the task's own
 * card (results, Retry for a failed ratio alone, Edit again). The whole set downloads as one ZIP.
 */
function SetCardView({ setId, jobs, actions, onEditAgain }: SetCardProps) {
  const id = useId();
  const [openId, setOpenId] = useState<string | null>(null);
  const open = jobs.find((job) => job.id === openId) ?? jobs[0];
  const done = jobs.filter((job) => job.status === 'completed').length;
  // The gallery's jobs already leave deleted results out, as the ZIP does: nothing left, nothing to download.
  const downloadable = jobs.some((job) => job.results.length > 0);
  if (!open) return null;

  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = jobs[(jobs.indexOf(open!) + step + jobs.length) % jobs.length];
    if (next) {
      setOpenId(next.id);
      document.getElementById(`${id}-tab-${next.id}`)?.focus();
    }
  }

  return (
    <article aria-label={`Set: ${open.prompt}`} className="rounded-xl border border-violet-900/60 bg-zinc-900 p-3">
      <header className="flex items-center justify-between gap-3">
        <p className="text-xs font-medium text-violet-200">
          Set of {jobs.length} ratios · {done} of {jobs.length} done
        </p>
        {downloadable && <ReviewShareButton kind="set" id={setId} context="all ratios" />}
        <a
          href={`/api/sets/${setId}/zip`}
          download
          aria-disabled={!downloadable}
          className="rounded-md px-2 py-1 text-xs font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200 aria-disabled:pointer-events-none aria-disabled:opacity-50"
        >
          Download set as ZIP
        </a>
      </header>
      <div role="tablist" aria-label="Ratios" onKeyDown={onKeyDown} className="mt-2 flex flex-wrap gap-1">
        {jobs.map((job) => {
          const selected = job === open;
          return (
            <button
              key={job.id}
              id={`${id}-tab-${job.id}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${id}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => setOpenId(job.id)}
              title={STATUS_LABELS[job.status]}
              className="flex items-center gap-1.5 rounded-md border border-zinc-800 px-2 py-1 text-xs text-zinc-200 hover:bg-zinc-800 aria-selected:border-violet-400 aria-selected:bg-zinc-800"
            >
              <span aria-hidden className={`size-1.5 rounded-full ${DOT[job.status]}`} />
              {job.options.size}
              <span className="tabular-nums text-zinc-400">
                {isFinal(job.status) ? STATUS_LABELS[job.status] : `${job.progress}%`}
              </span>
            </button>
          );
        })}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${open.id}`} className="mt-2">
        <JobCard job={open} actions={actions} onEditAgain={onEditAgain} />
      </div>
    </article>
  );
}

/** Memoised: the gallery re-renders as it scrolls and polls; a card renders again only when its own props change. */
export const SetCard = memo(SetCardView);
