import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../storage/db';
import { jobLeases } from '../storage/schema';
import { processSingleton } from '@/lib/process-singleton';

/**
 * This process, as a lease holder. A restart is a new holder: its old leases simply expire. One value per process,
 * not per module copy: Next loads this module once per bundle (actions, routes, instrumentation), and a lease taken
 * by the submit action's copy must be released by the shutdown's copy.
 */
export const INSTANCE_ID = processSingleton('lease-holder', () => `${process.pid}-${randomUUID().slice(0, 8)}`).get();

/**
 * Takes the job's lease for `ms`, or returns false when another live instance holds it. One statement, so two
 * instances racing for one job get one winner: the insert of the loser waits on the winner's row, then finds it
 * held. The expiry is on the database's clock, never on an instance's own.
 */
export function claimLease(jobId: string, ms: number): Promise<boolean> {
  return claimLeaseAs(INSTANCE_ID, jobId, ms);
}

/** `claimLease` for a named holder: tests play several instances with it. */
export async function claimLeaseAs(holder: string, jobId: string, ms: number): Promise<boolean> {
  const db = await getDb();
  const claimed = await db
    .insert(jobLeases)
    .values({ jobId, holder, expiresAt: sql`now() + ${`${ms} milliseconds`}::interval` })
    .onConflictDoUpdate({
      target: jobLeases.jobId,
      set: { holder, expiresAt: sql`now() + ${`${ms} milliseconds`}::interval` },
      where: sql`${jobLeases.expiresAt} < now() or ${jobLeases.holder} = ${holder}`,
    })
    .returning({ jobId: jobLeases.jobId });
  return claimed.length === 1;
}

/** Extends the leases this instance still holds; returns the ids it no longer holds (taken over while stalled). */
export async function renewLeases(jobIds: string[], ms: number): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const db = await getDb();
  const renewed = await db
    .update(jobLeases)
    .set({ expiresAt: sql`now() + ${`${ms} milliseconds`}::interval` })
    .where(and(eq(jobLeases.holder, INSTANCE_ID), inArray(jobLeases.jobId, jobIds)))
    .returning({ jobId: jobLeases.jobId });
  const held = new Set(renewed.map((row) => row.jobId));
  return jobIds.filter((id) => !held.has(id));
}

export async function releaseLease(jobId: string): Promise<void> {
  const db = await getDb();
  await db.delete(jobLeases).where(and(eq(jobLeases.jobId, jobId), eq(jobLeases.holder, INSTANCE_ID)));
}

/** On shutdown: hand every job back at once instead of letting the others wait for the expiry. */
export async function releaseAllLeases(): Promise<void> {
  const db = await getDb();
  await db.delete(jobLeases).where(eq(jobLeases.holder, INSTANCE_ID));
}
