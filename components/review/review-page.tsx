'use client';

import { useState } from 'react';
import { commentInReview, decideInReview, joinReviewAction } from '@/app/r/[token]/actions';
import type { Result } from '@/lib/errors';
import type { Pin, ReviewPageState } from '@/lib/reviews/types';
import { CandidateCard, type Decision } from './candidate-card';
import { NameGate } from './name-gate';

type Layout = 'side' | 'single';

const toggle =
  'min-h-11 rounded-md px-3 py-2 text-sm font-medium text-zinc-300 hover:bg-zinc-800 aria-pressed:bg-violet-700 aria-pressed:text-white';

/**
 * The client's review: the candidates side by side or one by one, a name once, then per candidate Pick, Approve,
 * Request changes and comments. Each action answers with the page's new state; nothing else is fetched.
 */
export function ReviewPage({ token, initial }: { token: string; initial: ReviewPageState }) {
  const [state, setState] = useState(initial);
  const [layout, setLayout] = useState<Layout>('side');
  const [index, setIndex] = useState(0);
  const total = state.candidates.length;
  const current = Math.min(index, total - 1);

  async function apply(call: Promise<Result<ReviewPageState>>): Promise<string | null> {
    const result = await call.catch(() => null);
    if (!result) return 'That did not reach the studio; check your connection and try again.';
    if (!result.ok) return result.error.message;
    setState(result.data);
    return null;
  }

  const readOnly = state.closed || !state.reviewerName;
  const shown = layout === 'side' ? state.candidates : state.candidates.slice(current, current + 1);

  return (
    <div className="flex flex-col gap-4">
      {state.closed ? (
        <p
          role="status"
          className="rounded-xl border border-emerald-800 bg-emerald-950/40 p-3 text-sm text-emerald-100"
        >
          This review is closed. Here is the outcome; thank you for your decisions.
        </p>
      ) : state.reviewerName ? (
        <p className="text-sm text-zinc-300">
          Reviewing as <span className="font-semibold text-zinc-50">{state.reviewerName}</span>. Pick your favourite,
          approve what can go out, or ask for changes; comments can point at a spot on the image.
        </p>
      ) : (
        <NameGate onContinue={(name) => apply(joinReviewAction(token, name))} />
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Layout" className="flex rounded-lg border border-zinc-700 p-0.5">
          <button type="button" aria-pressed={layout === 'side'} onClick={() => setLayout('side')} className={toggle}>
            Side by side
          </button>
          <button
            type="button"
            aria-pressed={layout === 'single'}
            onClick={() => setLayout('single')}
            className={toggle}
          >
            One by one
          </button>
        </div>
        {layout === 'single' && total > 1 && (
          <div className="flex items-center gap-2 text-sm text-zinc-300">
            <button
              type="button"
              onClick={() => setIndex((current - 1 + total) % total)}
              className={`${toggle} border border-zinc-700`}
            >
              Previous
            </button>
            <span aria-live="polite" className="tabular-nums">
              {current + 1} of {total}
            </span>
            <button
              type="button"
              onClick={() => setIndex((current + 1) % total)}
              className={`${toggle} border border-zinc-700`}
            >
              Next
            </button>
          </div>
        )}
      </div>
      <div
        className={
          layout === 'side' && total > 1
            ? 'grid items-start gap-4 md:grid-cols-2'
            : 'mx-auto flex w-full max-w-4xl flex-col'
        }
      >
        {shown.map((candidate) => {
          const at = { jobId: candidate.jobId, position: candidate.position };
          return (
            <CandidateCard
              key={`${candidate.jobId}/${candidate.position}`}
              candidate={candidate}
              readOnly={readOnly}
              onDecide={(decision: Decision) => apply(decideInReview(token, { ...at, decision }))}
              onComment={(body: string, pin: Pin | null) => apply(commentInReview(token, { ...at, body, pin }))}
            />
          );
        })}
      </div>
    </div>
  );
}
