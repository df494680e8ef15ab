import type { ReviewComment } from '@/lib/reviews/types';

/**
 * A candidate's comments in order, replies under what they answer. Bodies are rendered as text (React escapes
 * them), never as HTML or links. `reply` adds a studio person's Reply control under each client comment.
 */
export function CommentThread({
  comments,
  numbers,
  reply,
}: {
  comments: ReviewComment[];
  /** The pin number shown on the image for a pinned comment. */
  numbers: Map<string, number>;
  reply?: (comment: ReviewComment) => React.ReactNode;
}) {
  if (comments.length === 0) return null;
  return (
    <ol aria-label="Comments" className="flex flex-col gap-2">
      {comments.map((comment) => (
        <li
          key={comment.id}
          className={`rounded-lg p-2.5 text-sm ${comment.replyTo ? 'ml-4 border-l-2 border-violet-500 bg-zinc-900' : 'bg-zinc-800/60'}`}
        >
          <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-400">
            {numbers.has(comment.id) && (
              <span className="inline-flex size-5 items-center justify-center rounded-full bg-amber-400 font-bold text-zinc-950">
                <span className="sr-only">Pin </span>
                {numbers.get(comment.id)}
              </span>
            )}
            <span className="font-medium text-zinc-100">{comment.author}</span>
            {comment.fromStudio && <span>(studio)</span>}
            <time dateTime={comment.at}>{new Date(comment.at).toLocaleString()}</time>
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words text-zinc-100">{comment.body}</p>
          {reply && !comment.fromStudio && reply(comment)}
        </li>
      ))}
    </ol>
  );
}

/** Pin numbers for a candidate's pinned comments, 1, 2, 3… in order. */
export function pinNumbers(comments: ReviewComment[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const comment of comments) if (comment.pin) numbers.set(comment.id, numbers.size + 1);
  return numbers;
}
