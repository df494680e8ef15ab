'use client';

import { ShareButton } from '@/components/share/share-button';
import { isFinal, STATUS_LABELS, type Job } from '@/lib/jobs/types';
import { ElapsedTime } from './elapsed-time';
import { RetryButton } from './retry-button';

const STATUS_STYLES: Record<Job['status'], string> = {
  queued: 'bg-zinc-800 text-zinc-200',
  in_progress: 'bg-sky-500/15 text-sky-200',
  completed: 'bg-emerald-500/15 text-emerald-200',
  failed: 'bg-red-500/15 text-red-200',
  uncertain: 'bg-amber-500/15 text-amber-200',
};

/** One task: what was asked, where it is, and its results once stored on our side. */
export function JobCard({ job }: { job: Job }) {
  const running = !isFinal(job.status);
  const { options } = job;
  return (
    <article aria-label={`Task: ${job.prompt}`} className="rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      <header className="flex items-start justify-between gap-3">
        <p className="line-clamp-2 text-sm text-zinc-100">{job.prompt}</p>
        <span aria-live="polite" className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[job.status]}`}>
          {STATUS_LABELS[job.status]}
        </span>
      </header>
      <p className="mt-1 text-xs text-zinc-400">
        {options.size} · {options.resolution} · {options.quality} · {options.n}× {options.outputFormat}
        {job.hasMask ? ' · masked' : ''} · {job.references.length} ref{job.references.length === 1 ? '' : 's'} ·{' '}
        <ElapsedTime from={job.createdAt} to={job.completedAt ?? (running ? null : job.updatedAt)} />
      </p>

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
            <div className="h-full rounded-full bg-violet-500 transition-[width] duration-500" style={{ width: `${Math.max(3, job.progress)}%` }} />
          </div>
          <span className="w-9 text-right text-xs tabular-nums text-zinc-400">{job.progress}%</span>
        </div>
      )}

      {job.error && (
        <p className={`mt-3 rounded-lg p-2 text-sm ${job.status === 'uncertain' ? 'bg-amber-950/40 text-amber-100' : 'bg-red-950/40 text-red-200'}`}>{job.error.message}</p>
      )}
      <RetryButton jobId={job.id} status={job.status} />

      {job.results.length > 0 && (
        <ul className={`mt-3 grid gap-2 ${job.results.length > 1 ? 'grid-cols-2' : 'grid-cols-1'}`}>
          {job.results.map((result) => (
            <li key={result.position} className="flex flex-col gap-1">
              <a href={result.asset.url} target="_blank" rel="noreferrer" className="block overflow-hidden rounded-lg bg-zinc-950">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own route; sizes vary per task */}
                <img
                  src={result.asset.thumbUrl}
                  alt={`Result ${result.position + 1} of ${job.results.length}: ${job.prompt}`}
                  width={result.asset.width}
                  height={result.asset.height}
                  className="h-auto w-full object-contain"
                />
              </a>
              <div className="flex flex-wrap items-center justify-between gap-x-1 text-xs text-zinc-400">
                <span className="whitespace-nowrap tabular-nums">
                  {result.asset.width} × {result.asset.height}
                </span>
                <span className="flex items-center gap-1">
                  <ShareButton jobId={job.id} position={result.position} />
                  <a href={result.downloadUrl} download={result.asset.filename} className="rounded px-1.5 py-0.5 font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200">
                    Download<span className="sr-only"> result {result.position + 1}</span>
                  </a>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {job.results.length > 1 && (
        <div className="mt-2 flex justify-end border-t border-zinc-800 pt-2">
          <ShareButton jobId={job.id} />
        </div>
      )}
    </article>
  );
}
