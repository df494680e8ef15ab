import 'server-only';
import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { getDb } from '../storage/db';
import { deletedResults, jobResults } from '../storage/schema';

/** A result one can curate: it exists and the user has not deleted it. */
export interface ResultKey {
  jobId: string;
  position: number;
}

/** SQL: the result at (jobId, position) is not soft-deleted. Curation rows of a deleted result stay hidden until Undo. */
export function resultIsLive(jobId: SQLWrapper, position: SQLWrapper): SQL {
  return sql`not exists (select 1 from ${deletedResults} where ${deletedResults.jobId} = ${jobId} and ${deletedResults.position} = ${position})`;
}

export async function isLiveResult({ jobId, position }: ResultKey): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ jobId: jobResults.jobId })
    .from(jobResults)
    .where(
      and(
        eq(jobResults.jobId, jobId),
        eq(jobResults.position, position),
        resultIsLive(jobResults.jobId, jobResults.position),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export const RESULT_GONE = 'That result no longer exists; it may have been deleted.';
