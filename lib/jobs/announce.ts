import { STATUS_LABELS, type Job } from './types';

/** A job's state as the screen reader hears it: status and progress in quarter steps (every percent is noise). */
export function announceKey(job: Pick<Job, 'status' | 'progress'>): string {
  return `${job.status}:${Math.floor(job.progress / 25)}`;
}

/**
 * One polite sentence for what changed since the last poll (`before`: id → announceKey), or null. A task not seen
 * before is announced unless it arrived already completed (a page of history, not news). At most three tasks.
 */
export function describeChanges(before: ReadonlyMap<string, string>, jobs: readonly Job[]): string | null {
  const changed = jobs.filter((job) =>
    before.has(job.id) ? before.get(job.id) !== announceKey(job) : job.status !== 'completed',
  );
  if (changed.length === 0) return null;
  return changed
    .slice(0, 3)
    .map((job) => {
      const what = job.prompt.length > 40 ? `${job.prompt.slice(0, 40)}…` : job.prompt;
      if (job.status === 'completed')
        return `“${what}” completed with ${job.results.length} result${job.results.length === 1 ? '' : 's'}.`;
      if (job.status === 'in_progress') return `“${what}” in progress, ${job.progress} %.`;
      return `“${what}”: ${STATUS_LABELS[job.status]}.`;
    })
    .join(' ');
}
