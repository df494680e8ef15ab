/**
 * The gallery's live query: instead of refetching every loaded page while a task runs, the browser asks
 * `/api/jobs?ids=` for the running tasks alone and patches each fresh job into the cached pages. Pure, so the patch
 * is tested on its own; `components/gallery/use-live-tasks.ts` drives it.
 */
import { isFinal, type Job } from './types';

/** At most this many ids per request: two pages' worth, and a URL well under any proxy's limit (48 × 37 chars). */
export const LIVE_TASK_IDS_MAX = 48;

/** A cached infinite gallery query. `galleryChoicesQuery` shares its key prefix but not this shape. */
export interface GalleryPages<P extends { jobs: Job[] } = { jobs: Job[] }> {
  pages: P[];
  pageParams: unknown[];
}

export function isGalleryPages(data: unknown): data is GalleryPages {
  if (typeof data !== 'object' || data === null) return false;
  const { pages, pageParams } = data as Partial<GalleryPages>;
  return Array.isArray(pages) && Array.isArray(pageParams);
}

/** The loaded tasks still running: what the live query follows. */
export function runningTasks(jobs: readonly Job[]): Job[] {
  return jobs.filter((job) => !isFinal(job.status));
}

/**
 * `data` with each fresh job in place of the cached one of the same id, where it changed. Untouched pages and jobs
 * keep their identity, so memoised cards of unchanged tasks do not render again, and `data` itself comes back when
 * nothing changed. A fresh job older than the cached one (an answer that arrived after a newer page) is ignored.
 */
export function patchGalleryPages<P extends { jobs: Job[] }>(
  data: GalleryPages<P>,
  fresh: readonly Job[],
): GalleryPages<P> {
  const byId = new Map(fresh.map((job) => [job.id, job]));
  let changed = false;
  const pages = data.pages.map((page) => {
    let pageChanged = false;
    const jobs = page.jobs.map((job) => {
      const next = byId.get(job.id);
      if (!next || next.updatedAt < job.updatedAt || sameJob(job, next)) return job;
      pageChanged = true;
      return next;
    });
    if (!pageChanged) return page;
    changed = true;
    return { ...page, jobs };
  });
  return changed ? { ...data, pages } : data;
}

/**
 * Both come from the same server view (lib/server/gallery/list.ts), so equal JSON means nothing the card shows
 * changed: status, progress, results, cost, curation. At most 48 small jobs a second.
 */
function sameJob(a: Job, b: Job): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
