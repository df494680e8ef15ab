import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Job, ResultCuration } from '@/lib/jobs/types';
import type { Actor } from '../auth/actor';
import { namesOf } from '../curation/people';
import { getDb } from '../storage/db';
import { approvals, stars } from '../storage/schema';

/**
 * A gallery page with who made each task and each result's stars and decision, for this viewer: three queries and
 * one directory call per page, whatever the number of cards.
 */
export async function withCuration(views: Job[], createdBy: Map<string, string | null>, viewer: Actor | null) {
  if (views.length === 0) return views;
  const db = await getDb();
  const ids = views.map((job) => job.id);
  const [starRows, approvalRows] = await Promise.all([
    db.select().from(stars).where(inArray(stars.jobId, ids)),
    db.select().from(approvals).where(inArray(approvals.jobId, ids)),
  ]);
  const nameOf = await namesOf([...createdBy.values(), ...approvalRows.map((row) => row.decidedBy)]);
  const curationOf = (jobId: string, position: number): ResultCuration => {
    const starred = starRows.filter((row) => row.jobId === jobId && row.position === position);
    const approval = approvalRows.find((row) => row.jobId === jobId && row.position === position);
    return {
      starred: Boolean(viewer && starred.some((row) => row.personId === viewer.id)),
      stars: starred.length,
      approval: approval
        ? { decision: approval.decision, byName: nameOf(approval.decidedBy), at: approval.decidedAt.toISOString() }
        : null,
    };
  };
  return views.map((job) => ({
    ...job,
    createdBy: createdBy.get(job.id) ?? null,
    createdByName: nameOf(createdBy.get(job.id) ?? null),
    results: job.results.map((result) => ({ ...result, curation: curationOf(job.id, result.position) })),
  }));
}
