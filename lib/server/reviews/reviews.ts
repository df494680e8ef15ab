import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import {
  COMMENT_MAX,
  REVIEW_EXPIRIES,
  WATERMARK_MAX,
  type CreatedReview,
  type ReviewStatus,
  type ReviewSummary,
} from '@/lib/reviews/types';
import { expiryMs } from '@/lib/share/types';
import type { Actor } from '../auth/actor';
import { namesOf } from '../curation/people';
import { hashShareToken, newShareToken, tokenHint } from '../share/tokens';
import { getDb } from '../storage/db';
import { reviewComments, reviewDecisions, reviewItems, reviews, type ReviewRow } from '../storage/schema';
import { candidatesOf } from './candidates';

/*
 * Review links from the studio's side: make one (the token is returned once, only its hash kept, as for share
 * links), change its expiry, close and reopen it, revoke it, reply to a comment. Everything is in the database, so
 * every instance sees a revocation or a decision from the next request on.
 */

const NOT_FOUND = 'That review no longer exists.';

const createSchema = z.object({
  kind: z.enum(['task', 'set', 'board']),
  id: z.string().min(1).max(100),
  includeBefore: z.boolean().default(false),
  watermark: z
    .string()
    .trim()
    .max(WATERMARK_MAX, `Keep the watermark to ${WATERMARK_MAX} characters.`)
    .transform((text) => text || null)
    .default(''),
  expiry: z.enum(REVIEW_EXPIRIES).default('7d'),
});

export function reviewStatus(row: ReviewRow, now = new Date()): ReviewStatus {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return row.closedAt ? 'closed' : 'open';
}

/** Makes a review link for a task, a ratio set or a board; the candidates are its live results now. */
export async function createReview(input: unknown, origin: string, actor: Actor): Promise<Result<CreatedReview>> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.path[0] === 'watermark' ? issue.message : 'The review request could not be read; reload.';
    return fail('form:invalid', message, issue?.path[0] === 'watermark' ? { field: 'watermark' } : {});
  }
  const { kind, id, includeBefore, watermark, expiry } = parsed.data;
  const candidates = await candidatesOf(kind, id);
  if (!candidates.ok) return candidates;
  const token = newShareToken();
  const ms = expiryMs(expiry);
  const reviewId = randomUUID();
  const db = await getDb();
  // All or nothing: a review without its candidates would be a link to an empty page.
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(reviews)
      .values({
        id: reviewId,
        tokenHash: hashShareToken(token),
        tokenHint: tokenHint(token),
        kind,
        targetId: id,
        title: candidates.data.title.slice(0, 120),
        includeBefore,
        watermark,
        expiresAt: ms === null ? null : new Date(Date.now() + ms),
        createdBy: actor.id,
      })
      .returning();
    await tx
      .insert(reviewItems)
      .values(candidates.data.results.map((result, ordinal) => ({ reviewId, ...result, ordinal })));
    return inserted;
  });
  if (!row) throw new Error('Review insert returned nothing');
  const [summary] = await summaries([row]);
  return ok({ url: `${origin}/r/${token}`, review: summary! });
}

const idSchema = z.string().min(1).max(100);

async function patch(id: unknown, values: Partial<ReviewRow>): Promise<Result<ReviewSummary>> {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return fail('review:not_found', NOT_FOUND);
  const db = await getDb();
  const [row] =
    Object.keys(values).length > 0
      ? await db.update(reviews).set(values).where(eq(reviews.id, parsed.data)).returning()
      : await db.select().from(reviews).where(eq(reviews.id, parsed.data)).limit(1);
  if (!row) return fail('review:not_found', NOT_FOUND);
  const [summary] = await summaries([row]);
  return ok(summary!);
}

/** Closes the review: the page then shows the outcome, read-only, and takes no more decisions or comments. */
export function closeReview(id: unknown, actor: Actor): Promise<Result<ReviewSummary>> {
  return patch(id, { closedAt: new Date(), closedBy: actor.id });
}

export function reopenReview(id: unknown): Promise<Result<ReviewSummary>> {
  return patch(id, { closedAt: null, closedBy: null });
}

/** Revokes the link: its page, images and actions answer 404 from the next request on. Revoking twice keeps the first. */
export async function revokeReview(id: unknown): Promise<Result<ReviewSummary>> {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return fail('review:not_found', NOT_FOUND);
  const db = await getDb();
  await db
    .update(reviews)
    .set({ revokedAt: new Date() })
    .where(and(eq(reviews.id, parsed.data), isNull(reviews.revokedAt)));
  return patch(parsed.data, {});
}

const expirySchema = z.object({ id: idSchema, expiry: z.enum(REVIEW_EXPIRIES) });

/** Sets the expiry, counted from now (`never` removes it). An expired link works again if given a new expiry. */
export function setReviewExpiry(input: unknown): Promise<Result<ReviewSummary>> {
  const parsed = expirySchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(fail('form:invalid', 'The expiry could not be read; reload the page.'));
  const ms = expiryMs(parsed.data.expiry);
  return patch(parsed.data.id, { expiresAt: ms === null ? null : new Date(Date.now() + ms) });
}

const replySchema = z.object({
  reviewId: idSchema,
  commentId: idSchema,
  body: z.string().trim().min(1, 'Write a reply first.').max(COMMENT_MAX, `Keep a reply to ${COMMENT_MAX} characters.`),
});

/** A studio reply to a reviewer's comment, on the same candidate; the client sees it on the review page. */
export async function replyToComment(input: unknown, actor: Actor): Promise<Result<{ id: string }>> {
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', parsed.error.issues[0]?.message ?? 'The reply could not be read.');
  const { reviewId, commentId, body } = parsed.data;
  const db = await getDb();
  const [parent] = await db
    .select()
    .from(reviewComments)
    .where(and(eq(reviewComments.id, commentId), eq(reviewComments.reviewId, reviewId)))
    .limit(1);
  if (!parent) return fail('review:not_found', 'That comment no longer exists.');
  const id = randomUUID();
  await db.insert(reviewComments).values({
    id,
    reviewId,
    jobId: parent.jobId,
    position: parent.position,
    personId: actor.id,
    replyTo: parent.id,
    body,
  });
  return ok({ id });
}

/** Every review, newest first. */
export async function listReviews(): Promise<ReviewSummary[]> {
  const db = await getDb();
  return summaries(await db.select().from(reviews).orderBy(desc(reviews.createdAt)));
}

export async function findReviewRow(id: string): Promise<ReviewRow | null> {
  if (!idSchema.safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
  return row ?? null;
}

/** Reviews as the studio lists them, with their counts, in a handful of queries whatever their number. */
export async function summaries(rows: ReviewRow[]): Promise<ReviewSummary[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const ids = rows.map((row) => row.id);
  const [items, marks, said] = await Promise.all([
    db
      .select({ id: reviewItems.reviewId, n: count() })
      .from(reviewItems)
      .where(inArray(reviewItems.reviewId, ids))
      .groupBy(reviewItems.reviewId),
    db
      .select({
        id: reviewDecisions.reviewId,
        approved: sql<number>`count(distinct (${reviewDecisions.jobId}, ${reviewDecisions.position})) filter (where ${reviewDecisions.verdict} = 'approved')`,
        picked: sql<number>`count(distinct (${reviewDecisions.jobId}, ${reviewDecisions.position})) filter (where ${reviewDecisions.picked})`,
      })
      .from(reviewDecisions)
      .where(inArray(reviewDecisions.reviewId, ids))
      .groupBy(reviewDecisions.reviewId),
    db
      .select({ id: reviewComments.reviewId, n: count() })
      .from(reviewComments)
      .where(inArray(reviewComments.reviewId, ids))
      .groupBy(reviewComments.reviewId),
  ]);
  const nameOf = await namesOf(rows.flatMap((row) => [row.createdBy, row.closedBy]));
  const now = new Date();
  return rows.map((row) => {
    const mark = marks.find((m) => m.id === row.id);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      tokenHint: row.tokenHint,
      status: reviewStatus(row, now),
      includeBefore: row.includeBefore,
      watermark: row.watermark,
      createdAt: row.createdAt.toISOString(),
      createdByName: nameOf(row.createdBy),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      closedByName: row.closedAt ? nameOf(row.closedBy) : null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      viewCount: row.viewCount,
      lastViewedAt: row.lastViewedAt?.toISOString() ?? null,
      candidates: Number(items.find((i) => i.id === row.id)?.n ?? 0),
      approved: Number(mark?.approved ?? 0),
      picked: Number(mark?.picked ?? 0),
      comments: Number(said.find((c) => c.id === row.id)?.n ?? 0),
    };
  });
}
