import 'server-only';
import { sql } from 'drizzle-orm';
import { serverEnv } from '../env';
import { getDb, rowsOf } from '../storage/db';
import { advanceJob } from './advance';
import { claimLease, releaseAllLeases, releaseLease, renewLeases } from './leases';
import { processSingleton } from '@/lib/process-singleton';

/**
 * Follows every unfinished job: wakes up, takes the jobs that are due from the database, advances each one step.
 * Started once per process at boot (instrumentation.ts); because all state is in the database, a restart picks up
 * where the last process stopped. The browser never talks to upstream; it reads what this runner recorded.
 *
 * Several instances may share one database: each step runs under the job's lease (leases.ts), so one instance at a
 * time follows a job, and a dead instance's jobs are taken over once its leases expire.
 */
const IDLE_DELAY_MS = 250;
const CONCURRENCY = 4;

interface RunnerState {
  timer: NodeJS.Timeout | null;
  renewTimer: NodeJS.Timeout | null;
  inFlight: Map<string, Promise<void>>;
  stopped: boolean;
}

const runnerState = processSingleton<RunnerState>('job-runner', () => ({
  timer: null,
  renewTimer: null,
  inFlight: new Map(),
  stopped: true,
}));

function state(): RunnerState {
  return runnerState.get();
}

export function startJobRunner(): void {
  const runner = state();
  if (!runner.stopped) return;
  runner.stopped = false;
  const leaseMs = serverEnv().jobLeaseMs;
  // Renew well before expiry, so a slow upload or download keeps its job.
  runner.renewTimer = setInterval(() => void renewHeld(leaseMs), Math.floor(leaseMs / 3));
  runner.renewTimer.unref();
  schedule(0);
}

export function stopJobRunner(): void {
  const runner = state();
  runner.stopped = true;
  if (runner.timer) clearTimeout(runner.timer);
  runner.timer = null;
}

/**
 * Graceful stop (SIGTERM): claim nothing new, let the steps in flight finish for up to `graceMs`, then hand every
 * lease back so another instance takes the jobs over at once. A step cut off here is safe: every step records its
 * progress before acting, and the phase-guarded updates refuse a stale writer.
 */
export async function drainJobRunner(graceMs: number): Promise<void> {
  const runner = state();
  stopJobRunner();
  const pending = [...runner.inFlight.values()];
  await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  if (runner.renewTimer) clearInterval(runner.renewTimer);
  runner.renewTimer = null;
  await releaseAllLeases().catch((error: unknown) => console.error('[overpaint] releasing job leases failed:', error));
}

/**
 * Asks the runner to look for due jobs now instead of at its next idle tick. What it starts still counts against
 * CONCURRENCY: a burst of submissions queues in the database (phase `upload`), never as parallel work on the web
 * process. Submit, Retry and the webhook call this; none of them waits for the step.
 */
export function wakeJobRunner(): void {
  if (state().stopped) return;
  schedule(0);
}

/**
 * Advances one job now, unless this process is already working on it or another instance holds it. Used by the
 * submit action so the first step starts without waiting for the next tick.
 */
export function advanceNow(jobId: string): Promise<void> {
  const { inFlight } = state();
  const running = inFlight.get(jobId);
  if (running) return running;
  const step = advanceUnderLease(jobId).finally(() => inFlight.delete(jobId));
  inFlight.set(jobId, step);
  return step;
}

async function advanceUnderLease(jobId: string): Promise<void> {
  if (!(await claimLease(jobId, serverEnv().jobLeaseMs))) return;
  try {
    // Read after the claim: another instance may have advanced the job and released it between our look at the
    // due list and our claim. Its update committed before its release, so this read sees it.
    if (await stillDue(jobId)) await advanceJob(jobId);
  } finally {
    await releaseLease(jobId).catch((error: unknown) =>
      console.error('[overpaint] releasing a job lease failed:', error),
    );
  }
}

async function stillDue(jobId: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.execute(
    sql`select 1 from jobs where id = ${jobId} and phase <> 'done' and next_check_at <= now()`,
  );
  return rowsOf(result).length > 0;
}

/** Due jobs no live lease covers, oldest due first. */
async function dueUnleased(limit: number): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    select j.id from jobs j
    where j.phase <> 'done' and j.next_check_at <= now()
      and not exists (select 1 from job_leases l where l.job_id = j.id and l.expires_at >= now())
    order by j.next_check_at
    limit ${limit}`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

async function renewHeld(leaseMs: number): Promise<void> {
  const ids = [...state().inFlight.keys()];
  try {
    const lost = await renewLeases(ids, leaseMs);
    // Only after a stall longer than the lease: the step finishes, and its phase-guarded writes decide who wins.
    for (const id of lost) console.warn(`[overpaint] lost the lease on job ${id} (this instance stalled)`);
  } catch (error) {
    console.error('[overpaint] renewing job leases failed:', error);
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
      const due = await dueUnleased(CONCURRENCY + runner.inFlight.size);
      for (const id of due.filter((jobId) => !runner.inFlight.has(jobId)).slice(0, capacity)) {
        void advanceNow(id);
      }
    }
  } catch (error) {
    console.error('[overpaint] job runner tick failed:', error);
  } finally {
    schedule(IDLE_DELAY_MS);
  }
}
