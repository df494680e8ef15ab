import type { Job } from '@/lib/jobs/types';
import { FIXED_RATIOS } from './geometry';

export type GalleryItem =
  { kind: 'job'; key: string; job: Job } | { kind: 'set'; key: string; setId: string; jobs: Job[] };

/**
 * Folds the tasks of a ratio set into one gallery item where its first (newest) task appears. Within a set the
 * newest task per ratio wins, so a retried ratio replaces its failed attempt; ratios keep the API's order.
 */
export function groupSets(jobs: readonly Job[]): GalleryItem[] {
  const items: GalleryItem[] = [];
  const sets = new Map<string, Extract<GalleryItem, { kind: 'set' }>>();
  for (const job of jobs) {
    const setId = job.expansion?.setId;
    if (!setId) {
      items.push({ kind: 'job', key: job.id, job });
      continue;
    }
    let set = sets.get(setId);
    if (!set) {
      set = { kind: 'set', key: setId, setId, jobs: [] };
      sets.set(setId, set);
      items.push(set);
    }
    const ratio = job.options.size;
    const held = set.jobs.findIndex((other) => other.options.size === ratio);
    if (held === -1) set.jobs.push(job);
    else if (set.jobs[held]!.createdAt < job.createdAt) set.jobs[held] = job;
  }
  const order = (job: Job) => FIXED_RATIOS.indexOf(job.options.size as (typeof FIXED_RATIOS)[number]);
  for (const set of sets.values()) set.jobs.sort((a, b) => order(a) - order(b));
  return items;
}
