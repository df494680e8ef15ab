import 'server-only';
import { clientKey } from '../auth/client-address';
import type { ReviewRow } from '../storage/schema';
import { takeReviewHit, type ReviewLimits } from './limiter';
import { activeReview } from './review-link';

/** The cookie that remembers a reviewer's name on one link (its path is that link, so links never share it). */
export const REVIEWER_COOKIE = 'op_reviewer';

export type ReviewEntry =
  | { ok: true; review: ReviewRow }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'rate_limited'; retryAfterS: number };

/**
 * The gate of the review page and its actions: the token must name an active review, and the link and the
 * caller's address must be under the rate limit. Unknown, revoked and expired tokens all answer not found, and
 * still count against the address, so scanning for tokens is slowed like using one.
 */
export async function enterReview(token: string, headers: Headers, limits?: ReviewLimits): Promise<ReviewEntry> {
  const review = await activeReview(token);
  const verdict = await takeReviewHit(review?.id ?? '-', clientKey(headers), limits);
  if (!verdict.allowed) return { ok: false, reason: 'rate_limited', retryAfterS: verdict.retryAfterS };
  return review ? { ok: true, review } : { ok: false, reason: 'not_found' };
}

export const RATE_LIMITED = (seconds: number) =>
  `Too many requests from here on this review; wait ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''} and try again.`;
