import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Result } from '@/lib/errors';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { activity } from '../storage/schema';

/*
 * The activity log admins read: who signed in, invited, changed a role, deactivated someone, made or revoked a share,
 * deleted a result. Recorded only in accounts mode (in open and password modes there is one person). Kept for
 * ACTIVITY_RETENTION_DAYS; the maintenance run (lib/server/gc) prunes older entries.
 */

export const ACTIVITY_KINDS = [
  'sign-in',
  'person.created',
  'person.joined',
  'person.role',
  'person.deactivated',
  'person.reactivated',
  'password.reset-link',
  'password.reset',
  'invitation.created',
  'invitation.revoked',
  'share.created',
  'share.revoked',
  'result.deleted',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityEntry {
  id: string;
  at: string;
  actorId: string;
  kind: ActivityKind;
  details: Record<string, unknown>;
}

/** Records one thing someone did. Never fails the action it describes: a lost log line is logged, not thrown. */
export async function recordActivity(
  actor: { id: string },
  kind: ActivityKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (serverEnv().authMode !== 'accounts') return;
  try {
    const db = await getDb();
    await db.insert(activity).values({ id: randomUUID(), actorId: actor.id, kind, details });
  } catch (error) {
    console.error(`[overpaint] activity ${kind} could not be recorded:`, error);
  }
}

/** Passes `result` on, recording `kind` when it succeeded (for an action's guard line: `then(done(...))`). */
export function recordWhenDone<T>(
  actor: { id: string },
  kind: ActivityKind,
  details: (data: T) => Record<string, unknown>,
) {
  return async (result: Result<T>): Promise<Result<T>> => {
    if (result.ok) await recordActivity(actor, kind, details(result.data));
    return result;
  };
}

/** The newest entries first, filtered by kind and person. */
export async function listActivity(
  filter: { kind?: ActivityKind; actorId?: string; limit?: number } = {},
): Promise<ActivityEntry[]> {
  const db = await getDb();
  const where: SQL[] = [];
  if (filter.kind) where.push(eq(activity.kind, filter.kind));
  if (filter.actorId) where.push(eq(activity.actorId, filter.actorId));
  const rows = await db
    .select()
    .from(activity)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(activity.at), desc(activity.id))
    .limit(Math.min(filter.limit ?? 200, 500));
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    kind: row.kind as ActivityKind,
    details: row.details,
  }));
}

/** Deletes entries older than the retention (ACTIVITY_RETENTION_DAYS); returns how many. */
export async function pruneActivity(now = Date.now()): Promise<number> {
  const retention = serverEnv().accounts?.activityRetentionMs;
  if (retention === undefined) return 0;
  const db = await getDb();
  const removed = await db
    .delete(activity)
    .where(lt(activity.at, new Date(now - retention)))
    .returning({ id: activity.id });
  return removed.length;
}
