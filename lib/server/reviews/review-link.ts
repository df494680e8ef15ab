import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { COMMENT_MAX, REVIEWER_NAME_MAX, resultKey, type ReviewPageState } from '@/lib/reviews/types';
import { resultIsLive } from '../curation/results';
import { hashShareToken, isShareToken, newShareToken } from '../share/tokens';
import { enqueueWebhookEvent } from '../webhooks/enqueue';
import { getDb } from '../storage/db';
import {
  assets,
  jobResults,
  jobs,
  reviewComments,
  reviewDecisions,
  reviewers,
  reviewItems,
  reviews,
  type AssetRow,
  type ReviewDecisionRow,
  type ReviewerRow,
  type ReviewRow,
} from '../storage/schema';
import { feedbackOf } from './feedback';
import { reviewStatus } from './reviews';

/*
 * A review link as the client uses it: the token finds the review (only while it is neither revoked nor expired),
 * a name given once becomes a reviewer whose key lives in a cookie for that link, and each decision or comment is
 * one row in the database. Nothing here trusts the page: every call re-checks the token, the candidate and whether
 * the review is closed.
 */

/** The review behind an active token (open or closed), or null: unknown, revoked or expired all look the same. */
export async function activeReview(token: string, now = new Date()): Promise<ReviewRow | null> {
  if (!isShareToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(reviews)
    .where(eq(reviews.tokenHash, hashShareToken(token)))
    .limit(1);
  if (!row) return null;
  const status = reviewStatus(row, now);
  return status === 'open' || status === 'closed' ? row : null;
}

export interface Candidate {
  jobId: string;
  position: number;
  asset: AssetRow;
  /** The task's first reference, when the sharer included the base. */
  beforeId: string | null;
}

/** The review's live candidates (a result deleted since drops out until Undo), in the order they were sent. */
export async function candidatesFor(review: ReviewRow): Promise<Candidate[]> {
  const db = await getDb();
  const rows = await db
    .select({
      jobId: reviewItems.jobId,
      position: reviewItems.position,
      asset: assets,
      referenceIds: jobs.referenceIds,
    })
    .from(reviewItems)
    .innerJoin(jobResults, and(eq(jobResults.jobId, reviewItems.jobId), eq(jobResults.position, reviewItems.position)))
    .innerJoin(assets, eq(assets.id, jobResults.assetId))
    .innerJoin(jobs, eq(jobs.id, reviewItems.jobId))
    .where(and(eq(reviewItems.reviewId, review.id), resultIsLive(reviewItems.jobId, reviewItems.position)))
    .orderBy(asc(reviewItems.ordinal));
  return rows.map((row) => ({
    jobId: row.jobId,
    position: row.position,
    asset: row.asset,
    beforeId: review.includeBefore ? (row.referenceIds[0] ?? null) : null,
  }));
}

/** Whether any reviewer approved this candidate (its watermark comes off). */
export async function isApproved(reviewId: string, jobId: string, position: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(reviewDecisions)
    .where(
      and(
        eq(reviewDecisions.reviewId, reviewId),
        eq(reviewDecisions.jobId, jobId),
        eq(reviewDecisions.position, position),
        eq(reviewDecisions.verdict, 'approved'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The reviewer whose cookie key this is, on this review only. */
export async function reviewerFor(review: ReviewRow, key: string | undefined): Promise<ReviewerRow | null> {
  if (!key || !isShareToken(key)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(reviewers)
    .where(and(eq(reviewers.keyHash, hashShareToken(key)), eq(reviewers.reviewId, review.id)))
    .limit(1);
  return row ?? null;
}

/** One more view of the page, with when. */
export async function countView(review: ReviewRow): Promise<void> {
  const db = await getDb();
  await db
    .update(reviews)
    .set({ viewCount: sql`${reviews.viewCount} + 1`, lastViewedAt: new Date() })
    .where(eq(reviews.id, review.id));
}

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Give your name, so the studio knows who decided.')
  .max(REVIEWER_NAME_MAX, `Keep your name to ${REVIEWER_NAME_MAX} characters.`)
  // Control characters have no place in a name shown to others.
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'Use letters, not control characters.');

/** A new reviewer on this review; the key (for the cookie) is returned once, only its hash is stored. */
export async function joinReview(
  review: ReviewRow,
  name: unknown,
): Promise<Result<{ key: string; reviewer: ReviewerRow }>> {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) return fail('review:no_name', parsed.error.issues[0]!.message, { field: 'name' });
  const key = newShareToken();
  const db = await getDb();
  const [reviewer] = await db
    .insert(reviewers)
    .values({ id: randomUUID(), reviewId: review.id, keyHash: hashShareToken(key), name: parsed.data })
    .returning();
  if (!reviewer) throw new Error('Reviewer insert returned nothing');
  return ok({ key, reviewer });
}

const CLOSED = 'This review is closed: the studio has the decisions. Ask them to reopen it to change anything.';
const GONE = 'That image is no longer part of this review.';

const decisionSchema = z.object({
  jobId: z.string().min(1).max(100),
  position: z.number().int().min(0).max(15),
  decision: z.enum(['pick', 'unpick', 'approve', 'request_changes', 'clear']),
});

async function liveCandidate(review: ReviewRow, jobId: string, position: number): Promise<boolean> {
  return (await candidatesFor(review)).some((c) => c.jobId === jobId && c.position === position);
}

/** Pick or un-pick a candidate, approve it, ask for changes, or clear the verdict; one row per reviewer and candidate. */
export async function decide(review: ReviewRow, reviewer: ReviewerRow, input: unknown): Promise<Result<null>> {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'That decision could not be read; reload the page.');
  if (review.closedAt) return fail('review:closed', CLOSED);
  const { jobId, position, decision } = parsed.data;
  if (!(await liveCandidate(review, jobId, position))) return fail('result:not_found', GONE);
  const now = new Date();
  const verdicts = { approve: 'approved', request_changes: 'changes_requested', clear: null } as const;
  const set: Partial<ReviewDecisionRow> =
    decision === 'pick' || decision === 'unpick'
      ? { picked: decision === 'pick', pickedAt: decision === 'pick' ? now : null }
      : { verdict: verdicts[decision], verdictAt: decision === 'clear' ? null : now };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(reviewDecisions)
      .values({ reviewId: review.id, jobId, position, reviewerId: reviewer.id, ...set })
      .onConflictDoUpdate({
        target: [reviewDecisions.reviewId, reviewDecisions.jobId, reviewDecisions.position, reviewDecisions.reviewerId],
        set,
      });
    // A verdict (approve, ask for changes) is what a team waits for; picks and clears are not announced.
    if (set.verdict) {
      await enqueueWebhookEvent(tx, 'review.decided', {
        reviewId: review.id,
        review: review.title,
        taskId: jobId,
        position,
        decision: set.verdict,
        reviewer: reviewer.name,
        at: now.toISOString(),
      });
    }
  });
  return ok(null);
}

const fraction = z.number().min(0).max(1);
const commentSchema = z.object({
  jobId: z.string().min(1).max(100),
  position: z.number().int().min(0).max(15),
  body: z
    .string()
    .trim()
    .min(1, 'Write a comment first.')
    .max(COMMENT_MAX, `Keep a comment to ${COMMENT_MAX} characters.`),
  pin: z.object({ x: fraction, y: fraction }).nullable().default(null),
});

/** A reviewer's comment on a candidate, kept as the plain text they typed (the page renders it as text). */
export async function comment(review: ReviewRow, reviewer: ReviewerRow, input: unknown): Promise<Result<null>> {
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success) {
    return fail('form:invalid', parsed.error.issues[0]?.message ?? 'The comment could not be read.', {
      field: 'body',
    });
  }
  if (review.closedAt) return fail('review:closed', CLOSED);
  const { jobId, position, body, pin } = parsed.data;
  if (!(await liveCandidate(review, jobId, position))) return fail('result:not_found', GONE);
  const db = await getDb();
  await db.insert(reviewComments).values({
    id: randomUUID(),
    reviewId: review.id,
    jobId,
    position,
    reviewerId: reviewer.id,
    body,
    pinX: pin?.x ?? null,
    pinY: pin?.y ?? null,
  });
  return ok(null);
}

/** The client's page: the candidates through the token's own URLs, and what has been said about each. */
export async function reviewPageState(
  review: ReviewRow,
  token: string,
  reviewer: ReviewerRow | null,
): Promise<ReviewPageState> {
  const db = await getDb();
  const [candidates, feedback, mine] = await Promise.all([
    candidatesFor(review),
    feedbackOf(review.id, false),
    reviewer
      ? db.select().from(reviewDecisions).where(eq(reviewDecisions.reviewerId, reviewer.id))
      : Promise.resolve([]),
  ]);
  return {
    title: review.title,
    closed: Boolean(review.closedAt),
    reviewerName: reviewer?.name ?? null,
    candidates: candidates.map((candidate, index) => {
      const src = `/r/${token}/image/${candidate.jobId}/${candidate.position}`;
      const said = feedback.get(resultKey(candidate.jobId, candidate.position));
      const own = mine.find((d) => d.jobId === candidate.jobId && d.position === candidate.position);
      return {
        jobId: candidate.jobId,
        position: candidate.position,
        label: `Option ${index + 1}`,
        mine: { picked: own?.picked ?? false, verdict: own?.verdict ?? null },
        width: candidate.asset.width,
        height: candidate.asset.height,
        imageUrl: src,
        thumbUrl: `${src}?variant=thumb`,
        beforeUrl: candidate.beforeId ? `/r/${token}/before/${candidate.jobId}` : null,
        decisions: said?.decisions ?? [],
        comments: said?.comments ?? [],
      };
    }),
  };
}

/** The base image of a candidate's task, when the review includes it. */
export async function beforeAsset(review: ReviewRow, jobId: string): Promise<AssetRow | null> {
  if (!review.includeBefore) return null;
  const candidate = (await candidatesFor(review)).find((c) => c.jobId === jobId);
  if (!candidate?.beforeId) return null;
  const db = await getDb();
  const [row] = await db.select().from(assets).where(eq(assets.id, candidate.beforeId)).limit(1);
  return row ?? null;
}
