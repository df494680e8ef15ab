'use client';

import { useQuery } from '@tanstack/react-query';
import { reviewQuery } from '@/lib/reviews/queries';
import { REVIEW_STATUS_TEXT as STATUS_TEXT, type ReviewDetail as Detail } from '@/lib/reviews/types';
import { CommentThread, pinNumbers } from './comment-thread';
import { DecisionSummary } from './decision-summary';
import { ReplyForm } from './reply-form';
import { ReviewControls } from './review-controls';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : null);

/** A review in the studio, live: status and views, the controls, and every candidate with who said what, when. */
export function ReviewDetail({ initial }: { initial: Detail }) {
  const review = useQuery({ ...reviewQuery(initial.id), initialData: initial }).data;
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-zinc-400">Status</dt>
        <dd className="text-zinc-100">{STATUS_TEXT[review.status]}</dd>
        <dt className="text-zinc-400">Views</dt>
        <dd className="tabular-nums text-zinc-100">{review.viewCount}</dd>
        <dt className="text-zinc-400">Last viewed</dt>
        <dd className="text-zinc-100">{when(review.lastViewedAt) ?? 'Not yet'}</dd>
        <dt className="text-zinc-400">Expires</dt>
        <dd className="text-zinc-100">{when(review.expiresAt) ?? 'Never'}</dd>
        <dt className="text-zinc-400">Reviewers</dt>
        <dd className="text-zinc-100">{review.reviewers.map((r) => r.name).join(', ') || 'None yet'}</dd>
        <dt className="text-zinc-400">Watermark</dt>
        <dd className="text-zinc-100">{review.watermark ?? 'None'}</dd>
      </dl>
      {review.closedAt && (
        <p className="text-sm text-zinc-300">
          Closed {when(review.closedAt)}
          {review.closedByName ? ` by ${review.closedByName}` : ''}.
        </p>
      )}
      <ReviewControls review={review} />
      <ul aria-label="Candidates" className="grid gap-4 md:grid-cols-2">
        {review.items.map((item) => {
          const numbers = pinNumbers(item.comments);
          return (
            <li
              key={`${item.jobId}/${item.position}`}
              className="flex flex-col gap-2 rounded-xl border border-zinc-800 p-3"
            >
              <h2 className="text-sm font-semibold text-zinc-100">{item.label}</h2>
              <div className="relative overflow-hidden rounded-lg bg-zinc-950">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route */}
                <img src={item.thumbUrl} alt={item.label} className="h-auto w-full object-contain" />
                {item.comments.map((c) =>
                  c.pin ? (
                    <span
                      key={c.id}
                      aria-hidden
                      className="absolute flex size-5 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full bg-amber-400 text-xs font-bold text-zinc-950 ring-2 ring-zinc-950"
                      style={{ left: `${c.pin.x * 100}%`, top: `${c.pin.y * 100}%` }}
                    >
                      {numbers.get(c.id)}
                    </span>
                  ) : null,
                )}
              </div>
              <DecisionSummary decisions={item.decisions} withTimes />
              <CommentThread
                comments={item.comments}
                numbers={numbers}
                reply={(comment) => <ReplyForm reviewId={review.id} comment={comment} />}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
