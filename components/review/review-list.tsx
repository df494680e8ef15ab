import Link from 'next/link';
import { REVIEW_STATUS_TEXT as STATUS_TEXT, type ReviewSummary } from '@/lib/reviews/types';

const KIND: Record<ReviewSummary['kind'], string> = { task: 'Task', set: 'Ratio set', board: 'Board' };

/** Every review link, newest first: what it is, its state, and what came back. */
export function ReviewList({ reviews }: { reviews: ReviewSummary[] }) {
  if (reviews.length === 0) {
    return (
      <p className="text-sm text-zinc-400">No reviews yet. Use Share for review on a task, a ratio set or a board.</p>
    );
  }
  return (
    <ul aria-label="Reviews" className="flex flex-col divide-y divide-zinc-800 rounded-xl border border-zinc-800">
      {reviews.map((review) => (
        <li key={review.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
          <div className="flex flex-col">
            <Link href={`/reviews/${review.id}`} className="font-medium text-violet-300 hover:underline">
              {review.title}
            </Link>
            <span className="text-xs text-zinc-400">
              {KIND[review.kind]} · link starting {review.tokenHint}… · made{' '}
              {new Date(review.createdAt).toLocaleString()}
              {review.createdByName ? ` by ${review.createdByName}` : ''}
            </span>
          </div>
          <span className="text-xs text-zinc-300">
            {STATUS_TEXT[review.status]} · {review.candidates} candidates · {review.approved} approved · {review.picked}{' '}
            picked · {review.comments} comments · {review.viewCount} views
          </span>
        </li>
      ))}
    </ul>
  );
}
