import 'server-only';
import { and, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { getDb } from '../storage/db';
import { approvals, type ApprovalDecision } from '../storage/schema';
import { isLiveResult, RESULT_GONE, type ResultKey } from './results';

/**
 * Records the team's decision on a result (Approve or Reject), replacing any earlier one with who and when; `null`
 * clears it. One decision per result: the latest person to decide speaks for the team.
 */
export async function decideResult(
  key: ResultKey,
  decision: ApprovalDecision | null,
  actor: Actor,
): Promise<Result<ResultKey & { decision: ApprovalDecision | null }>> {
  const db = await getDb();
  if (decision === null) {
    await db.delete(approvals).where(and(eq(approvals.jobId, key.jobId), eq(approvals.position, key.position)));
    return ok({ ...key, decision });
  }
  if (!(await isLiveResult(key))) return fail('result:not_found', RESULT_GONE);
  const decidedAt = new Date();
  await db
    .insert(approvals)
    .values({ ...key, decision, decidedBy: actor.id, decidedAt })
    .onConflictDoUpdate({
      target: [approvals.jobId, approvals.position],
      set: { decision, decidedBy: actor.id, decidedAt },
    });
  return ok({ ...key, decision });
}
