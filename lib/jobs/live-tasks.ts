/**
 * The gallery's live query: instead of refetching every loaded page while a task runs, the browser asks
 * `/api/jobs?ids=` for the running tasks alone and patches each fresh job into the cached pages. Pure, so the patch
 * is tested on its own; `components/gallery/use-live-tasks.ts` drives it.
 */

/** At most this many ids per request: two pages' worth, and a URL well under any proxy's limit (48 × 37 chars). */
export const LIVE_TASK_IDS_MAX = 48;
