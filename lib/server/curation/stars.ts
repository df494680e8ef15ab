import 'server-only';
import { and, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { getDb } from '../storage/db';
import { stars } from '../storage/schema';
import { isLiveResult, RESULT_GONE, type ResultKey } from './results';

/** Stars or unstars a result for one person; each person's stars are their own. Setting the same state twice is fine. */
export async function setStar(
  key: ResultKey,
  starred: boolean,
  actor: Actor,
): Promise<Result<ResultKey & { starred: boolean }>> {
  const db = await getDb();
  if (starred) {
    if (!(await isLiveResult(key))) return fail('result:not_found', RESULT_GONE);
    await db
      .insert(stars)
      .values({ ...key, personId: actor.id })
      .onConflictDoNothing();
  } else {
    await db
      .delete(stars)
      .where(and(eq(stars.jobId, key.jobId), eq(stars.position, key.position), eq(stars.personId, actor.id)));
  }
  return ok({ ...key, starred });
}
