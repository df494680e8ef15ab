'use client';

import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { replyToReviewComment } from '@/app/(studio)/review-actions';
import { COMMENT_MAX, type ReviewComment } from '@/lib/reviews/types';

/** A studio reply under a client's comment; the client sees it on the review page. */
export function ReplyForm({ reviewId, comment }: { reviewId: string; comment: ReviewComment }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function send(event: FormEvent) {
    event.preventDefault();
    const sent = await replyToReviewComment({ reviewId, commentId: comment.id, body }).catch(() => null);
    if (!sent?.ok) return setError(sent?.error.message ?? 'The reply did not reach the server; try again.');
    setBody('');
    setError(null);
    await queryClient.invalidateQueries({ queryKey: ['review', reviewId] });
  }

  return (
    <form onSubmit={(e) => void send(e)} className="mt-2 flex flex-wrap items-end gap-2">
      <label htmlFor={`${id}-reply`} className="sr-only">
        Reply to {comment.author}
      </label>
      <input
        id={`${id}-reply`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={COMMENT_MAX}
        placeholder={`Reply to ${comment.author}`}
        className="min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100"
      />
      <button
        type="submit"
        disabled={body.trim().length === 0}
        className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
      >
        Reply
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
