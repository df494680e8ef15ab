/**
 * Where a batch item is, as the gallery shows it. `queued` waits for the feeder; `running` has a task upstream (or
 * on its way); the rest are final. A submitted item's status is its task's, read at display time, never copied.
 */
export const ITEM_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const BATCH_STATES = ['running', 'paused', 'cancelled', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export interface BatchProgress {
  total: number;
  done: number;
  running: number;
  failed: number;
  cancelled: number;
  toGo: number;
  /** 0–1 of items in a final state. */
  fraction: number;
  /** Seconds left at the pace so far, or null before the first item finished (no pace to go by). */
  secondsLeft: number | null;
}

export type StatusCounts = Record<ItemStatus, number>;

/** Counts of each status in a list (the database counts for the gallery; tests and small lists use this). */
export function countStatuses(statuses: readonly ItemStatus[]): StatusCounts {
  const counts: StatusCounts = { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const status of statuses) counts[status]++;
  return counts;
}

/**
 * Counts and the time left. The pace is finished items over the time since the batch started, which already
 * includes the feeder's limit and upstream's speed, so it needs no model of either.
 */
export function batchProgress(counts: StatusCounts, elapsedMs: number): BatchProgress {
  const { completed: done, failed, cancelled, running, queued: toGo } = counts;
  const total = done + failed + cancelled + running + toGo;
  const finished = done + failed;
  const remaining = toGo + running;
  const secondsLeft =
    remaining === 0
      ? 0
      : finished === 0 || elapsedMs <= 0
        ? null
        : Math.ceil((elapsedMs / finished / 1000) * remaining);
  return {
    total,
    done,
    running,
    failed,
    cancelled,
    toGo,
    fraction: total === 0 ? 1 : (finished + cancelled) / total,
    secondsLeft,
  };
}

/** "about 3 min left", for the card. */
export function describeTimeLeft(seconds: number | null): string {
  if (seconds === null) return 'time left: measuring';
  if (seconds <= 0) return 'finishing';
  if (seconds < 60) return `about ${seconds} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** What the batch's state allows: the buttons the card shows. */
export function batchControls(state: BatchState, progress: Pick<BatchProgress, 'failed'>) {
  return {
    pause: state === 'running',
    resume: state === 'paused',
    cancel: state === 'running' || state === 'paused',
    retryFailed: progress.failed > 0 && state !== 'cancelled',
  };
}
