/**
 * How often things are asked about, as pure functions (tested on their own):
 * - the runner asking upstream for a task's status (the docs: first wait a few seconds, then 5–10 s with jitter);
 * - the runner backing off after an error (honouring Retry-After);
 * - the browser asking our own API for the gallery's running tasks (fast while one is young, never once all are
 *   final).
 */
import { isFinal, type JobStatus } from './types';

type Random = () => number;

/** Delay before the next status query for a running task. `polls` = status queries made so far. */
export function upstreamPollDelayMs(engine: 'toapis' | 'offline', polls: number, random: Random = Math.random): number {
  if (engine === 'offline') {
    // The offline engine is on loopback and costs nothing to ask; keep the gallery lively.
    return polls < 10 ? 500 : 1000;
  }
  if (polls === 0) return 3000;
  if (polls < 3) return 4000 + random() * 1000;
  return 5000 + random() * 5000;
}

/**
 * Delay before retrying after a transient failure (network, 5xx, 429): exponential from 2 s, capped at 60 s,
 * with full jitter in the upper half, and never sooner than the server's Retry-After.
 */
export function errorBackoffMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: Random = Math.random,
): number {
  const ceiling = Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Give up on a phase after this many consecutive transient failures (about 15 minutes of backoff). */
export const MAX_TRANSIENT_ATTEMPTS = 20;

/**
 * How often the gallery asks about its running tasks (`liveTasksQuery`): `false` once every job is final (no
 * traffic from idle tabs), quick while a job is young (the user is watching it start), slower for long-running ones.
 */
export function galleryRefetchInterval(
  jobs: ReadonlyArray<{ status: JobStatus; createdAt: string }> | undefined,
  now: number = Date.now(),
): number | false {
  const running = (jobs ?? []).filter((job) => !isFinal(job.status));
  if (running.length === 0) return false;
  const youngest = Math.min(...running.map((job) => now - Date.parse(job.createdAt)));
  return youngest < 60_000 ? 1000 : 3000;
}
