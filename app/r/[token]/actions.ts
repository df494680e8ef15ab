'use server';

import { cookies, headers } from 'next/headers';
import { fail, ok, type Result } from '@/lib/errors';
import type { ReviewPageState } from '@/lib/reviews/types';
import { guardAction } from '@/lib/server/guard';
import { enterReview, RATE_LIMITED, REVIEWER_COOKIE } from '@/lib/server/reviews/access';
import { comment, decide, joinReview, reviewerFor, reviewPageState } from '@/lib/server/reviews/review-link';
import type { ReviewerRow, ReviewRow } from '@/lib/server/storage/schema';
import { servedOverHttps } from '@/lib/server/auth/session';

/*
 * The client's actions on a review link. Public on purpose (`anyone`): the link's token is the permission, checked
 * here on every call (active, not closed, under the rate limit), and the reviewer is the one whose key is in this
 * link's cookie. Each answers with the page's new state, so the page never needs another request.
 */

const GONE = 'This review link no longer works: it was revoked or has expired.';
const NO_NAME = 'Give your name first (Your name, then Continue).';

async function onReview(
  token: unknown,
  run: (review: ReviewRow, reviewer: ReviewerRow | null, token: string) => Promise<Result<ReviewerRow | null>>,
): Promise<Result<ReviewPageState>> {
  if (typeof token !== 'string') return fail('review:not_found', GONE);
  const entry = await enterReview(token, await headers());
  if (!entry.ok) {
    return entry.reason === 'rate_limited'
      ? fail('review:rate_limited', RATE_LIMITED(entry.retryAfterS))
      : fail('review:not_found', GONE);
  }
  const reviewer = await reviewerFor(entry.review, (await cookies()).get(REVIEWER_COOKIE)?.value);
  const done = await run(entry.review, reviewer, token);
  if (!done.ok) return done;
  return ok(await reviewPageState(entry.review, token, done.data ?? reviewer));
}

/** `Your name` + `Continue`: remembered in a cookie for this link only (a year, or until the browser clears it). */
export async function joinReviewAction(token: unknown, name: unknown): Promise<Result<ReviewPageState>> {
  return guardAction('joinReview', 'anyone', () =>
    onReview(token, async (review, _reviewer, link) => {
      const joined = await joinReview(review, name);
      if (!joined.ok) return joined;
      (await cookies()).set(REVIEWER_COOKIE, joined.data.key, {
        path: `/r/${link}`,
        httpOnly: true,
        sameSite: 'lax',
        secure: servedOverHttps(await headers()),
        maxAge: 365 * 24 * 60 * 60,
      });
      return ok(joined.data.reviewer);
    }),
  );
}

/** `{ jobId, position, decision: pick | unpick | approve | request_changes | clear }`. */
export async function decideInReview(token: unknown, input: unknown): Promise<Result<ReviewPageState>> {
  return guardAction('decideInReview', 'anyone', () =>
    onReview(token, (review, reviewer) =>
      reviewer
        ? decide(review, reviewer, input).then((done) => (done.ok ? ok(reviewer) : done))
        : Promise.resolve(fail('review:no_name', NO_NAME)),
    ),
  );
}

/** `{ jobId, position, body, pin: { x, y } | null }`: plain text, at most 1,000 characters. */
export async function commentInReview(token: unknown, input: unknown): Promise<Result<ReviewPageState>> {
  return guardAction('commentInReview', 'anyone', () =>
    onReview(token, (review, reviewer) =>
      reviewer
        ? comment(review, reviewer, input).then((done) => (done.ok ? ok(reviewer) : done))
        : Promise.resolve(fail('review:no_name', NO_NAME)),
    ),
  );
}
