import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { resultKey, type ReviewComment, type ReviewDecision } from '@/lib/reviews/types';
import { namesOf } from '../curation/people';
import { getDb } from '../storage/db';
import { reviewComments, reviewDecisions, reviewers } from '../storage/schema';

export interface Feedback {
  decisions: ReviewDecision[];
  comments: ReviewComment[];
}

/**
 * Everything said in one review, by candidate (`resultKey`): each reviewer's marks and the comments in order.
 * `studioNames`: the studio view names who replied; the client's page says only that the studio did.
 */
export async function feedbackOf(reviewId: string, studioNames: boolean): Promise<Map<string, Feedback>> {
  const db = await getDb();
  const [decisions, comments] = await Promise.all([
    db
      .select({ decision: reviewDecisions, name: reviewers.name })
      .from(reviewDecisions)
      .innerJoin(reviewers, eq(reviewers.id, reviewDecisions.reviewerId))
      .where(eq(reviewDecisions.reviewId, reviewId))
      .orderBy(asc(reviewers.createdAt)),
    db
      .select({ comment: reviewComments, name: reviewers.name })
      .from(reviewComments)
      .leftJoin(reviewers, eq(reviewers.id, reviewComments.reviewerId))
      .where(eq(reviewComments.reviewId, reviewId))
      .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id)),
  ]);
  const personName = studioNames
    ? await namesOf(comments.filter((c) => !c.comment.reviewerId).map((c) => c.comment.personId))
    : () => null;
  const byKey = new Map<string, Feedback>();
  const entry = (jobId: string, position: number) => {
    const key = resultKey(jobId, position);
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { decisions: [], comments: [] }));
    return found;
  };
  for (const { decision, name } of decisions) {
    if (!decision.picked && !decision.verdict) continue;
    entry(decision.jobId, decision.position).decisions.push({
      reviewer: name,
      picked: decision.picked,
      pickedAt: decision.pickedAt?.toISOString() ?? null,
      verdict: decision.verdict,
      verdictAt: decision.verdictAt?.toISOString() ?? null,
    });
  }
  for (const { comment, name } of comments) {
    const fromStudio = !comment.reviewerId;
    entry(comment.jobId, comment.position).comments.push({
      id: comment.id,
      author: fromStudio ? (personName(comment.personId) ?? 'The studio') : (name ?? 'A reviewer'),
      fromStudio,
      body: comment.body,
      pin: comment.pinX !== null && comment.pinY !== null ? { x: comment.pinX, y: comment.pinY } : null,
      replyTo: comment.replyTo,
      at: comment.createdAt.toISOString(),
    });
  }
  return byKey;
}
