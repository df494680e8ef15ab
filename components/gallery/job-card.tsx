'use client';

import { memo } from 'react';
import { CancelButton } from '@/components/gallery/cancel-button';
import { RetryButton } from '@/components/gallery/retry-button';
import { ReviewShareButton } from '@/components/review/review-share-button';
import { ShareButton } from '@/components/share/share-button';
import { formatMoney } from '@/lib/cost/money';
import { START_POINT_INFO } from '@/lib/jobs/start-points';
import { isFinal, STATUS_LABELS, type Job } from '@/lib/jobs/types';
import { ElapsedTime } from './elapsed-time';
import { EngineNote } from './engine-note';
import { RESULT_GRID_CLASSES, resultColumns, ResultTile, type ResultActions } from './result-tile';

const STATUS_STYLES: Record<Job['status'], string> = {
  queued: 'bg-zinc-800 text-zinc-200',
  in_progress: 'bg-sky-500/15 text-sky-200',
  completed: 'bg-emerald-500/15 text-emerald-200',
  failed: 'bg-red-500/15 text-red-200',
  uncertain: 'bg-amber-500/15 text-amber-200',
};

interface JobCardProps {
  job: Job;
  actions: ResultActions;
  onEditAgain(job: Job): void;
}

/** One task: what was asked (prompt, options, references), where it is, and its results as a contact sheet. */
function JobCardView({ job, actions, onEditAgain }: JobCardProps) {
  const running = !isFinal(job.status);
  const { options } = job;
  return (
    <article aria-label={`Task: ${job.prompt}`} className="rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      <header className="flex items-start justify-between gap-3">
        <p className="line-clamp-2 text-sm text-zinc-100">{job.prompt}</p>
        <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[job.status]}`}>
          {STATUS_LABELS[job.status]}
        </span>
      </header>
      <p className="mt-1 text-xs text-zinc-400">
        {job.createdByName && <span className="font-medium text-zinc-200">by {job.createdByName} · </span>}
        {job.startPoint && (
          <span className="font-medium text-violet-300">{START_POINT_INFO[job.startPoint].label} · </span>
        )}
        {options.size} · {options.resolution} · {options.quality} · {options.n}× {options.outputFormat}
        {job.hasMask ? ' · masked' : ''}
        {job.expansion ? ' · expanded' : ''} · {job.references.length} ref{job.references.length === 1 ? '' : 's'} ·{' '}
        <ElapsedTime from={job.createdAt} to={job.completedAt ?? (running ? null : job.updatedAt)} />
        {job.cost && <TaskCost cost={job.cost} />}
      </p>
      <EngineNote job={job} />
      {job.references.length > 0 && (
        <ul aria-label="Images used" className="mt-2 flex flex-wrap gap-1">
          {job.references.slice(0, 16).map((reference, index) => (
            <li key={reference.id}>
              {/* eslint-disable-next-line @next/next/no-img-element -- tiny thumbnails from our own route */}
              <img
                src={reference.thumbUrl}
                alt={index === 0 ? `Base: ${reference.filename}` : reference.filename}
                loading="lazy"
                className={`size-7 rounded object-cover ${index === 0 ? 'ring-1 ring-violet-400' : ''}`}
              />
            </li>
          ))}
        </ul>
      )}

      {running && (
        <div className="mt-3 flex items-center gap-2">
          <div
            role="progressbar"
            aria-label="Progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job.progress}
            className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-800"
          >
            <div
              className="h-full rounded-full bg-violet-500 transition-[width] duration-500"
              style={{ width: `${Math.max(3, job.progress)}%` }}
            />
          </div>
          <span className="w-9 text-right text-xs tabular-nums text-zinc-400">{job.progress}%</span>
        </div>
      )}

      {job.error && (
        <p
          className={`mt-3 rounded-lg p-2 text-sm ${job.status === 'uncertain' ? 'bg-amber-950/40 text-amber-100' : 'bg-red-950/40 text-red-200'}`}
        >
          {job.error.message}
        </p>
      )}

      {job.results.length > 0 && (
        <ul
          aria-label="Results"
          className={`mt-3 grid gap-2 ${RESULT_GRID_CLASSES[resultColumns(job.results.length)]}`}
        >
          {job.results.map((result, index) => (
            <ResultTile key={result.position} job={job} result={result} index={index} actions={actions} />
          ))}
        </ul>
      )}

      <footer className="mt-2 flex flex-wrap items-center justify-end gap-1">
        <CancelButton jobId={job.id} status={job.status} />
        <RetryButton
          jobId={job.id}
          status={job.status}
          task={{ options: job.options, inputImages: job.references.length }}
        />
        <ShareButton jobId={job.id} />
        {job.results.length > 0 && <ReviewShareButton kind="task" id={job.id} context="this task" />}
        <button
          type="button"
          onClick={() => onEditAgain(job)}
          className="rounded-md px-2 py-1 text-xs font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200"
        >
          Edit again
        </button>
      </footer>
    </article>
  );
}

/** "≈ $0.38 estimated", "$0.40" (reported), "free" or "not billed": what the ledger says the task costs. */
function TaskCost({ cost }: { cost: NonNullable<Job['cost']> }) {
  const amount = formatMoney(cost.micros, cost.currency);
  const text = cost.released
    ? 'not billed'
    : cost.micros === 0
      ? 'free'
      : cost.actual
        ? amount
        : `≈ ${amount} estimated`;
  return (
    <span data-task-cost className="tabular-nums" title={cost.actual ? 'As the image service reported it' : undefined}>
      {' '}
      · <span className="sr-only">Cost: </span>
      {text}
    </span>
  );
}

/** Memoised: the gallery re-renders as it scrolls and polls; a card renders again only when its own props change. */
export const JobCard = memo(JobCardView);
