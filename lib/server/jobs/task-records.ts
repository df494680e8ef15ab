import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { settleJobCost } from '../cost/ledger';
import { getDb } from '../storage/db';
import { enqueueWebhookEvent } from '../webhooks/enqueue';
import { jobs, upstreamTasks, webhookEvents, type JobRow, type UpstreamTaskRow } from '../storage/schema';

/*
 * The runner's memory of a job's upstream task beyond the job row (schema/upstream.ts): uploads already made,
 * how long the task's state has been unknown, and webhook events already taken.
 */

export async function findUpstreamState(jobId: string): Promise<UpstreamTaskRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(upstreamTasks).where(eq(upstreamTasks.jobId, jobId)).limit(1);
  return row ?? null;
}

/** Records the upload URLs once every upload succeeded, so a restart before the create re-uses them. */
export async function saveUploads(jobId: string, imageUrls: string[], maskUrl: string | null): Promise<void> {
  const db = await getDb();
  const values = { imageUrls, maskUrl, uploadedAt: new Date() };
  await db
    .insert(upstreamTasks)
    .values({ jobId, ...values })
    .onConflictDoUpdate({ target: upstreamTasks.jobId, set: values });
}

/** Notes an answer that told us nothing; returns since when the task has been unknown (the first such answer). */
export async function noteUnknown(jobId: string, what: string, now = new Date()): Promise<Date> {
  const db = await getDb();
  const [row] = await db
    .insert(upstreamTasks)
    .values({ jobId, unknownSince: now, lastUnknown: what })
    .onConflictDoUpdate({
      target: upstreamTasks.jobId,
      set: { unknownSince: sql`coalesce(${upstreamTasks.unknownSince}, ${now})`, lastUnknown: what },
    })
    .returning({ unknownSince: upstreamTasks.unknownSince });
  return row?.unknownSince ?? now;
}

export async function clearUnknown(jobId: string): Promise<void> {
  const db = await getDb();
  await db.update(upstreamTasks).set({ unknownSince: null, lastUnknown: null }).where(eq(upstreamTasks.jobId, jobId));
}

/**
 * Updates a job only if it is still in `phase`: the runner and a webhook may act on one job at once, and the later
 * writer must not drag a job back (a poll answered "in progress" after the webhook said "completed").
 * Returns whether the row was updated.
 */
export async function updateJobInPhase(
  id: string,
  phase: JobRow['phase'] | 'not_done',
  patch: Partial<Omit<JobRow, 'id'>>,
): Promise<boolean> {
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(jobs)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(jobs.id, id), phase === 'not_done' ? ne(jobs.phase, 'done') : eq(jobs.phase, phase)))
      .returning({ id: jobs.id, status: jobs.status, errorCode: jobs.errorCode, errorMessage: jobs.errorMessage });
    const [row] = rows;
    // The job reached its final state: its webhook event is recorded in the same transaction (lib/server/webhooks).
    if (row && patch.phase === 'done') {
      const completed = row.status === 'completed';
      await enqueueWebhookEvent(tx, completed ? 'task.completed' : 'task.failed', {
        taskId: row.id,
        status: completed ? 'completed' : row.errorCode === 'uncertain' ? 'uncertain' : 'failed',
        error: completed ? null : { code: row.errorCode, message: row.errorMessage },
      });
    }
    return rows.length > 0;
  });
  // A task that ended settles or releases its reservation now; the sweep catches it if this process stops first.
  if (updated && patch.phase === 'done') {
    await settleJobCost(id).catch((error: unknown) => console.error(`[overpaint] job ${id}: cost not settled:`, error));
  }
  return updated;
}

export async function findJobByUpstreamId(upstreamId: string): Promise<JobRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(jobs).where(eq(jobs.upstreamId, upstreamId)).limit(1);
  return row ?? null;
}

/** Records a webhook event id; false when it was already recorded (a replay). */
export async function recordWebhookEvent(id: string, taskId: string | null): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .insert(webhookEvents)
    .values({ id, taskId })
    .onConflictDoNothing({ target: webhookEvents.id })
    .returning({ id: webhookEvents.id });
  return rows.length > 0;
}
