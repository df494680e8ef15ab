import 'server-only';
import { advanceJob } from './advance';
import { dueJobs } from './repository';

/**
 * Follows every unfinished job: wakes up, takes the jobs that are due from the database, advances each one step.
 * Started once per process at boot (instrumentation.ts); because all state is in the database, a restart picks up
 * where the last process stopped. The browser never talks to upstream; it reads what this runner recorded.
 */
const IDLE_DELAY_MS = 250;
const CONCURRENCY = 4;

interface RunnerState {
  timer: NodeJS.Timeout | null;
  inFlight: Set<string>;
  stopped: boolean;
}

const globalForRunner = globalThis as unknown as { __overpaintRunner?: RunnerState };

function state(): RunnerState {
  globalForRunner.__overpaintRunner ??= { timer: null, inFlight: new Set(), stopped: true };
  return globalForRunner.__overpaintRunner;
}

export function startJobRunner(): void {
  const runner = state();
  if (!runner.stopped) return;
  runner.stopped = false;
  schedule(0);
}

export function stopJobRunner(): void {
  const runner = state();
  runner.stopped = true;
  if (runner.timer) clearTimeout(runner.timer);
  runner.timer = null;
}

/**
 * Advances one job now, unless this process is already working on it. Used by the submit action so the first
 * step starts without waiting for the next tick.
 */
export async function advanceNow(jobId: string): Promise<void> {
  const { inFlight } = state();
  if (inFlight.has(jobId)) return;
  inFlight.add(jobId);
  try {
    await advanceJob(jobId);
  } finally {
    inFlight.delete(jobId);
  }
}

function schedule(delayMs: number): void {
  const runner = state();
  if (runner.stopped) return;
  if (runner.timer) clearTimeout(runner.timer);
  runner.timer = setTimeout(() => void tick(), delayMs);
  runner.timer.unref();
}

async function tick(): Promise<void> {
  const runner = state();
  try {
    // Fire and forget up to CONCURRENCY jobs: a slow upload must not hold up the polling of the others.
    const capacity = CONCURRENCY - runner.inFlight.size;
    if (capacity > 0) {
      const due = await dueJobs(new Date(), CONCURRENCY + runner.inFlight.size);
      for (const job of due.filter((row) => !runner.inFlight.has(row.id)).slice(0, capacity)) {
        void advanceNow(job.id);
      }
    }
  } catch (error) {
    console.error('[overpaint] job runner tick failed:', error);
  } finally {
    schedule(IDLE_DELAY_MS);
  }
}
