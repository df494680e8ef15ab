'use server';

import { headers } from 'next/headers';
import type { Result } from '@/lib/errors';
import type { CreatedReview, ReviewSummary } from '@/lib/reviews/types';
import { guardAction } from '@/lib/server/guard';
import {
  closeReview,
  createReview,
  reopenReview,
  replyToComment,
  revokeReview,
  setReviewExpiry,
} from '@/lib/server/reviews/reviews';
import { publicOrigin } from '@/lib/server/share/origin';

/*
 * Review links, from the studio. Making, closing, reopening, revoking and the expiry need `share` (they decide
 * what a client outside the studio sees); replying to a client's comment needs `react`, like commenting inside the
 * studio: a viewer may answer a client, but not open or close the door. Input is parsed in lib/server/reviews.
 */

/** `{ kind: task | set | board, id, includeBefore, watermark, expiry }` → the link (shown once). */
export async function createReviewLink(input: unknown): Promise<Result<CreatedReview>> {
  return guardAction('createReviewLink', 'share', async (actor) =>
    createReview(input, publicOrigin(await headers()), actor),
  );
}

export async function closeReviewLink(id: unknown): Promise<Result<ReviewSummary>> {
  return guardAction('closeReviewLink', 'share', (actor) => closeReview(id, actor));
}

export async function reopenReviewLink(id: unknown): Promise<Result<ReviewSummary>> {
  return guardAction('reopenReviewLink', 'share', () => reopenReview(id));
}

export async function revokeReviewLink(id: unknown): Promise<Result<ReviewSummary>> {
  return guardAction('revokeReviewLink', 'share', () => revokeReview(id));
}

/** `{ id, expiry }`, counted from now. */
export async function setReviewLinkExpiry(input: unknown): Promise<Result<ReviewSummary>> {
  return guardAction('setReviewLinkExpiry', 'share', () => setReviewExpiry(input));
}

/** `{ reviewId, commentId, body }`. */
export async function replyToReviewComment(input: unknown): Promise<Result<{ id: string }>> {
  return guardAction('replyToReviewComment', 'react', (actor) => replyToComment(input, actor));
}
