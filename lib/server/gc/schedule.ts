import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { serverEnv } from '../env';
import { getDb, rowsOf } from '../storage/db';
import { collectGarbage, describeGcReport, type GcReport } from './collect';
import { processSingleton } from '@/lib/process-singleton';

const TASK = 'gc';
/** Longer than any run; a holder that dies mid-run is replaced after this. */
const LEASE_MS = 30 * 60_000;
/** How often an instance asks whether a run is due (the interval itself is counted in the database). */
const CHECK_MS = 5 * 60_000;
/** After a start, so a fresh server spends its first minute serving, not sweeping. */
const FIRST_CHECK_MS = 60_000;

const holder = `${process.pid}-${randomUUID()}`;
const schedule = processSingleton<{ timer: NodeJS.Timeout | null; running: boolean }>('gc-schedule', () => ({
  timer: null,
  running: false,
}));

/**
 * Claims the collector for this instance: only when no other instance holds a live lease and, unless `force`, the
 * last run finished at least `intervalMs` ago. One statement, so instances racing for it get one winner.
 */
export async function claimGc(intervalMs: number, force = false): Promise<boolean> {
  const db = await getDb();
  const expires = new Date(Date.now() + LEASE_MS).toISOString();
  const dueBefore = new Date(Date.now() - (force ? 0 : intervalMs)).toISOString();
  const claimed = await db.execute(sql`
    insert into maintenance_runs (name, holder, lease_expires_at) values (${TASK}, ${holder}, ${expires})
    on conflict (name) do update set holder = excluded.holder, lease_expires_at = excluded.lease_expires_at
    where maintenance_runs.lease_expires_at < now()
      and (maintenance_runs.last_finished_at is null or maintenance_runs.last_finished_at <= ${dueBefore})
    returning name`);
  return rowsOf(claimed).length > 0;
}

async function finishGc(report: GcReport | null): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    update maintenance_runs set lease_expires_at = now(),
      last_finished_at = case when ${report !== null} then now() else last_finished_at end,
      last_report = coalesce(${report ? JSON.stringify(report) : null}::jsonb, last_report)
    where name = ${TASK} and holder = ${holder}`);
}

/**
 * Runs the collector if this instance wins it: under the lease, with the configured grace and retention, and logs
 * what it freed. Returns the report, or null when another instance holds it or it is not due.
 */
export async function runGcOnce(options: { force?: boolean } = {}): Promise<GcReport | null> {
  const env = serverEnv();
  if (!(await claimGc(env.gc.intervalMs, options.force))) return null;
  let report: GcReport | null = null;
  try {
    report = await collectGarbage({ graceMs: env.gc.graceMs, engineRetentionMs: env.gc.engineRetentionMs });
    console.log(describeGcReport(report));
    return report;
  } finally {
    await finishGc(report);
  }
}

/** Starts the schedule on this instance (boot.ts); off when GC_INTERVAL_MINUTES=0. */
export function startGcSchedule(): void {
  const env = serverEnv();
  if (env.gc.intervalMs === 0) return;
  const state = schedule.get();
  if (state.timer) return;
  const tick = async () => {
    if (state.running) return;
    state.running = true;
    try {
      await runGcOnce();
    } catch (error) {
      console.error(`[overpaint] storage collection failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      state.running = false;
      state.timer = setTimeout(() => void tick(), Math.min(CHECK_MS, env.gc.intervalMs));
      state.timer.unref();
    }
  };
  state.timer = setTimeout(() => void tick(), FIRST_CHECK_MS);
  state.timer.unref();
}
