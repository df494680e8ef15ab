import 'server-only';
import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import { resultKey, type ClientMarks, type ReviewDetail } from '@/lib/reviews/types';
import { resultIsLive } from '../curation/results';
import { getDb } from '../storage/db';
import { jobResults, reviewDecisions, reviewers, reviewItems } from '../storage/schema';
import { feedbackOf } from './feedback';
import { findReviewRow, summaries } from './reviews';

/** One review as the studio sees it: every candidate with each reviewer's marks and the comments, who and when. */
export async function reviewDetail(id: string): Promise<ReviewDetail | null> {
  const row = await findReviewRow(id);
  if (!row) return null;
  const db = await getDb();
  const [[summary], items, feedback, people] = await Promise.all([
    summaries([row]),
    db
      .select({ jobId: reviewItems.jobId, position: reviewItems.position, assetId: jobResults.assetId })
      .from(reviewItems)
      .innerJoin(
        jobResults,
        and(eq(jobResults.jobId, reviewItems.jobId), eq(jobResults.position, reviewItems.position)),
      )
      .where(and(eq(reviewItems.reviewId, id), resultIsLive(reviewItems.jobId, reviewItems.position)))
      .orderBy(asc(reviewItems.ordinal)),
    feedbackOf(id, true),
    db
      .select({ name: reviewers.name, since: reviewers.createdAt })
      .from(reviewers)
      .where(eq(reviewers.reviewId, id))
      .orderBy(asc(reviewers.createdAt)),
  ]);
  return {
    ...summary!,
    reviewers: people.map((p) => ({ name: p.name, since: p.since.toISOString() })),
    items: items.map((item, index) => {
      const said = feedback.get(resultKey(item.jobId, item.position));
      return {
        jobId: item.jobId,
        position: item.position,
        label: `Option ${index + 1}`,
        thumbUrl: `/api/assets/${item.assetId}?variant=thumb`,
        decisions: said?.decisions ?? [],
        comments: said?.comments ?? [],
      };
    }),
  };
}

/**
 * Clients' Picks, approvals and change requests on results, for the gallery's cards, by `resultKey`. From every
 * review, revoked or not: a client's decision stays a fact of the result's history.
 */
export async function clientMarks(): Promise<Record<string, ClientMarks>> {
  const db = await getDb();
  const rows = await db
    .select({
      jobId: reviewDecisions.jobId,
      position: reviewDecisions.position,
      picked: reviewDecisions.picked,
      verdict: reviewDecisions.verdict,
      name: reviewers.name,
    })
    .from(reviewDecisions)
    .innerJoin(reviewers, eq(reviewers.id, reviewDecisions.reviewerId))
    .where(or(eq(reviewDecisions.picked, true), isNotNull(reviewDecisions.verdict)))
    .orderBy(asc(reviewers.createdAt));
  const marks: Record<string, ClientMarks> = {};
  for (const row of rows) {
    const key = resultKey(row.jobId, row.position);
    const mark = (marks[key] ??= { approvedBy: [], pickedBy: [], changesBy: [] });
    const add = (list: string[]) => !list.includes(row.name) && list.push(row.name);
    if (row.picked) add(mark.pickedBy);
    if (row.verdict === 'approved') add(mark.approvedBy);
    if (row.verdict === 'changes_requested') add(mark.changesBy);
  }
  return marks;
}
