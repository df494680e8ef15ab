import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Job } from '@/lib/jobs/types';
import { getDb } from '../storage/db';
import { costLedger } from '../storage/schema';

/**
 * Each card's cost from the ledger (lib/server/cost): the actual figure when upstream reported one, else the
 * estimate reserved at submit. One query per page. Tasks from before costs were kept have none.
 */
export async function withCost(views: Job[]): Promise<Job[]> {
  if (views.length === 0) return views;
  const db = await getDb();
  const rows = await db
    .select()
    .from(costLedger)
    .where(
      inArray(
        costLedger.jobId,
        views.map((job) => job.id),
      ),
    );
  const byJob = new Map(rows.map((row) => [row.jobId, row]));
  return views.map((job) => {
    const row = byJob.get(job.id);
    if (!row) return job;
    const actual = row.actualMicros !== null;
    return {
      ...job,
      cost: {
        micros: actual ? row.actualMicros! : row.estimateMicros,
        currency: row.currency,
        actual,
        released: row.state === 'released',
      },
    };
  });
}
