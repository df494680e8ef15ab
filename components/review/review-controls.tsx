'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  closeReviewLink,
  reopenReviewLink,
  revokeReviewLink,
  setReviewLinkExpiry,
} from '@/app/(studio)/review-actions';
import type { Result } from '@/lib/errors';
import { REVIEW_EXPIRIES, REVIEW_EXPIRY_LABELS, type ReviewExpiry, type ReviewSummary } from '@/lib/reviews/types';

const button =
  'rounded-md border border-zinc-700 px-3 py-1.5 text-sm font-medium hover:bg-zinc-800 disabled:opacity-50';

/** Close review / Reopen, the expiry, and Revoke (for good: the link 404s everywhere from the next request on). */
export function ReviewControls({ review }: { review: ReviewSummary }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState(false);
  const live = review.status === 'open' || review.status === 'closed';

  async function run(call: Promise<Result<ReviewSummary>>, done: string) {
    setPending(true);
    const result = await call.catch(() => null);
    setPending(false);
    setMessage(result?.ok ? done : (result?.error.message ?? 'That did not reach the server; try again.'));
    await queryClient.invalidateQueries({ queryKey: ['review', review.id] });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {review.status === 'open' && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(closeReviewLink(review.id), 'Review closed: the page now shows the outcome, read-only.')
          }
          className={`${button} text-zinc-100`}
        >
          Close review
        </button>
      )}
      {review.status === 'closed' && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(reopenReviewLink(review.id), 'Review reopened: the client can decide and comment again.')
          }
          className={`${button} text-zinc-100`}
        >
          Reopen review
        </button>
      )}
      {review.status !== 'revoked' && (
        <label className="flex items-center gap-1.5 text-sm text-zinc-300">
          Expiry
          <select
            defaultValue=""
            disabled={pending}
            onChange={(e) =>
              e.target.value &&
              void run(
                setReviewLinkExpiry({ id: review.id, expiry: e.target.value as ReviewExpiry }),
                'Expiry changed.',
              )
            }
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-100"
          >
            <option value="">Change…</option>
            {REVIEW_EXPIRIES.map((value) => (
              <option key={value} value={value}>
                {value === 'never' ? 'Never expires' : `${REVIEW_EXPIRY_LABELS[value]} from now`}
              </option>
            ))}
          </select>
        </label>
      )}
      {live && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(revokeReviewLink(review.id), 'Link revoked: its page and images now answer “not found”.')
          }
          className={`${button} text-red-300`}
        >
          Revoke
        </button>
      )}
      <p role="status" className="w-full text-sm text-zinc-300 empty:hidden">
        {message}
      </p>
    </div>
  );
}
