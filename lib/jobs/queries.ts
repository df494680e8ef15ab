import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { BoardView } from '@/lib/curation/types';
import { galleryFilterToParams, type GalleryFilter } from './gallery-filter';
import type { LineageStep } from './lineage';
import { LIVE_TASK_IDS_MAX } from './live-tasks';
import { galleryRefetchInterval } from './polling';
import type { Job } from './types';

export type { GalleryFilter } from './gallery-filter';

interface GalleryPage {
  jobs: Job[];
  nextCursor: string | null;
}

/** Every gallery query starts with this key: invalidate it after a submit, a delete, an undo. */
export const GALLERY_KEY = ['gallery'] as const;

async function fetchGalleryPage(
  filter: GalleryFilter,
  cursor: string | null,
  signal: AbortSignal,
): Promise<GalleryPage> {
  const params = galleryFilterToParams(filter);
  if (cursor) params.set('cursor', cursor);
  const response = await fetch(`/api/jobs?${params}`, { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`The gallery could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as GalleryPage;
}

/**
 * The gallery as the server has it, one page (24 tasks) at a time, newest first. Never polled as a whole: the
 * change stamp refetches it when something moves (`useGalleryStamp`) and `liveTasksQuery` follows its running
 * tasks. Fresh for a few seconds, so the first page the studio page hydrates is shown as is rather than fetched again
 * on mount; an invalidation (submit, delete, a moved stamp) refetches whatever the staleTime.
 */
export function galleryQuery(filter: GalleryFilter = {}) {
  return infiniteQueryOptions({
    queryKey: [...GALLERY_KEY, galleryFilterToParams(filter).toString()] as const,
    queryFn: ({ pageParam, signal }) => fetchGalleryPage(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5_000,
  });
}

async function fetchLiveTasks(ids: readonly string[], signal: AbortSignal): Promise<Job[]> {
  const response = await fetch(`/api/jobs?ids=${ids.join(',')}`, { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`The running tasks could not be checked (HTTP ${response.status}).`);
  return ((await response.json()) as { jobs: Job[] }).jobs;
}

/**
 * The loaded gallery's running tasks alone, by id (`/api/jobs?ids=`, 48 to a request): fast while one is young,
 * slower for long ones, off when none runs (`galleryRefetchInterval`). Its own key, outside `GALLERY_KEY`: the
 * answer is patched into the gallery's pages (lib/jobs/live-tasks.ts), not a page itself.
 */
export function liveTasksQuery(running: readonly Pick<Job, 'id' | 'status' | 'createdAt'>[]) {
  const ids = running.map((job) => job.id);
  return queryOptions({
    queryKey: ['gallery-live', ids.join(',')] as const,
    queryFn: async ({ signal }): Promise<Job[]> => {
      const lots: string[][] = [];
      for (let at = 0; at < ids.length; at += LIVE_TASK_IDS_MAX) lots.push(ids.slice(at, at + LIVE_TASK_IDS_MAX));
      return (await Promise.all(lots.map((lot) => fetchLiveTasks(lot, signal)))).flat();
    },
    enabled: ids.length > 0,
    refetchInterval: () => galleryRefetchInterval(running),
  });
}

/** The people and boards the gallery can filter by (and boards to add results to). */
export interface GalleryChoices {
  people: { id: string; name: string; active: boolean }[];
  boards: BoardView[];
}

/** Under `GALLERY_KEY`, so a new board or a rename reaches the filter with the gallery's own refresh. */
export function galleryChoicesQuery() {
  return queryOptions({
    queryKey: [...GALLERY_KEY, 'choices'] as const,
    queryFn: async ({ signal }): Promise<GalleryChoices> => {
      const response = await fetch('/api/gallery/choices', { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`The gallery's filters could not be loaded (HTTP ${response.status}).`);
      return (await response.json()) as GalleryChoices;
    },
  });
}

/** How often an open, visible Gallery asks whether anything changed (another tab, another instance). */
export const GALLERY_STAMP_INTERVAL_MS = 3000;

/**
 * The gallery's change stamp from `/api/gallery/stamp`. Its own key (not under `GALLERY_KEY`), so invalidating the
 * gallery does not refetch it. TanStack Query pauses the interval while the tab is hidden and asks again on focus.
 */
export function galleryStampQuery() {
  return queryOptions({
    queryKey: ['gallery-stamp'] as const,
    queryFn: async ({ signal }): Promise<string> => {
      const response = await fetch('/api/gallery/stamp', { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`The gallery's state could not be checked (HTTP ${response.status}).`);
      return ((await response.json()) as { stamp: string }).stamp;
    },
    refetchInterval: GALLERY_STAMP_INTERVAL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** The chain a result came from (versions): fetched when the lightbox shows that result. */
export function lineageQuery(jobId: string, position: number) {
  return queryOptions({
    queryKey: ['lineage', jobId, position] as const,
    queryFn: async ({ signal }): Promise<LineageStep[]> => {
      const response = await fetch(`/api/jobs/${jobId}/results/${position}/lineage`, { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`The versions could not be loaded (HTTP ${response.status}).`);
      return ((await response.json()) as { steps: LineageStep[] }).steps;
    },
  });
}
