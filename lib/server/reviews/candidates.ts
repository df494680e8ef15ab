import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { ReviewTargetKind } from '@/lib/reviews/types';
import { boardResults } from '../curation/boards';
import { resultIsLive } from '../curation/results';
import { setJobIds } from '../expand/repository';
import { getDb } from '../storage/db';
import { boards, jobResults, jobs, jobSets } from '../storage/schema';

/**
 * What a review shows: its title and its candidates, in order. The title is the board's name (a board link shows it
 * too) or a plain description: a task's prompt is the studio's own data, as it is on a share link.
 */
export interface Candidates {
  title: string;
  results: Array<{ jobId: string; position: number }>;
}

const NOTHING = 'There is nothing finished to review there yet: only finished, not deleted results can be reviewed.';

/**
 * The candidates of a task, a ratio set or a board as they are now: live (not deleted) results only, fixed when the
 * review is made so the client decides on exactly what was sent.
 */
export async function candidatesOf(kind: ReviewTargetKind, id: string): Promise<Result<Candidates>> {
  if (kind === 'board') {
    const db = await getDb();
    const [board] = await db.select({ name: boards.name }).from(boards).where(eq(boards.id, id)).limit(1);
    if (!board) return fail('board:not_found', 'That board no longer exists; someone may have deleted it.');
    const items = await boardResults(id);
    if (items.length === 0) return fail('review:empty', NOTHING);
    return ok({ title: board.name, results: items.map(({ jobId, position }) => ({ jobId, position })) });
  }
  const jobIds = kind === 'set' ? await setJobIds(id) : [id];
  const db = await getDb();
  const rows = jobIds.length
    ? await db
        .select({ jobId: jobResults.jobId, position: jobResults.position })
        .from(jobResults)
        .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
        .where(and(inArray(jobResults.jobId, jobIds), resultIsLive(jobResults.jobId, jobResults.position)))
        .orderBy(asc(jobs.createdAt), asc(jobResults.jobId), asc(jobResults.position))
    : [];
  if (rows.length === 0) {
    if (kind === 'set') {
      const [set] = await db.select({ id: jobSets.id }).from(jobSets).where(eq(jobSets.id, id)).limit(1);
      if (!set) return fail('set:not_found', 'That set no longer exists.');
    }
    return fail('review:empty', NOTHING);
  }
  const title = kind === 'set' ? `${jobIds.length} ratios for review` : 'Options for review';
  return ok({ title, results: rows.map(({ jobId, position }) => ({ jobId, position })) });
}
