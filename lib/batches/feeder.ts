/**
 * Tasks one batch keeps in flight at once. Upstream's create budget (lib/toapis/budget.ts) already spaces the
 * requests; this bound keeps a 500-image batch from filling the task table and the runner's queue ahead of them,
 * so other people's Generate clicks are not stuck behind it.
 */
export const MAX_IN_FLIGHT_PER_BATCH = 8;

/** The most images one batch takes. */
export const MAX_BATCH_IMAGES = 500;

/** How many queued items to submit now. */
export function itemsToStart(inFlight: number, queued: number, limit = MAX_IN_FLIGHT_PER_BATCH): number {
  return Math.max(0, Math.min(limit - inFlight, queued));
}

/**
 * The idempotency key of one attempt at one item: a feeder that crashed between recording the task and noting it
 * on the item submits again with the same key and finds the same task. Retry failed bumps the attempt.
 */
export function itemIdempotencyKey(itemId: string, attempt: number): string {
  return `batch-item:${itemId}:${attempt}`;
}
