'use client';

import { useState, type FormEvent } from 'react';
import { createReviewLink } from '@/app/(studio)/review-actions';
import { usePagePermissions } from '@/components/auth/permissions';
import { ModalCard } from '@/components/shell/modal-card';
import { useDialogOnDemand } from '@/components/shell/use-dialog-on-demand';
import {
  REVIEW_EXPIRIES,
  REVIEW_EXPIRY_LABELS,
  WATERMARK_MAX,
  type CreatedReview,
  type ReviewExpiry,
  type ReviewTargetKind,
} from '@/lib/reviews/types';

const field = 'rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100';

/**
 * `Share for review` on a task, a ratio set or a board: choose whether the base shows (before/after), a watermark
 * and an expiry, then make the link; it appears in the `Review link` box, once (only its hash is kept).
 * `context` finishes the button's accessible name where several sit on one screen ("… this task", "… all ratios").
 */
export function ReviewShareButton({
  kind,
  id,
  context,
  className,
}: {
  kind: ReviewTargetKind;
  id: string;
  context?: string;
  className?: string;
}) {
  const { ref: dialogRef, rendered: dialogRendered, show: showDialog } = useDialogOnDemand();
  const [created, setCreated] = useState<CreatedReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Viewers may not open a door to the outside (the server refuses too); the button is not offered.
  const { mayShare } = usePagePermissions();

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const made = await createReviewLink({
      kind,
      id,
      includeBefore: form.get('includeBefore') === 'on',
      watermark: String(form.get('watermark') ?? ''),
      expiry: String(form.get('expiry')) as ReviewExpiry,
    }).catch(() => null);
    setPending(false);
    if (!made) return setError('The link could not be made (the server did not answer). Please try again.');
    if (!made.ok) return setError(made.error.message);
    setCreated(made.data);
  }

  if (!mayShare) return null;
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={showDialog}
        className={
          className ??
          'rounded-md px-2 py-1 text-xs font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200'
        }
      >
        Share for review
        {context && <span className="sr-only"> {context}</span>}
      </button>
      {dialogRendered && (
        <ModalCard dialogRef={dialogRef} title="Share for review">
          <form onSubmit={(e) => void create(e)} className="flex flex-col gap-3">
            <p className="text-sm text-zinc-400">
              Your client sees the results large and can pick, approve, ask for changes and comment, without an account.
              Prompts and your team stay private.
            </p>
            <label className="flex items-center gap-2 text-sm text-zinc-200">
              <input type="checkbox" name="includeBefore" className="size-4 accent-violet-500" />
              Include the base (before/after)
            </label>
            <label className="flex flex-col gap-1 text-sm text-zinc-200">
              Watermark
              <input name="watermark" maxLength={WATERMARK_MAX} placeholder="e.g. PROOF" className={field} />
              <span className="text-xs text-zinc-400">On the review images until that result is approved.</span>
            </label>
            <label className="flex flex-col gap-1 text-sm text-zinc-200">
              Expires
              <select name="expiry" defaultValue="7d" className={field}>
                {REVIEW_EXPIRIES.map((value) => (
                  <option key={value} value={value}>
                    {REVIEW_EXPIRY_LABELS[value]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="submit"
              disabled={pending}
              className="self-start rounded-lg bg-violet-700 px-4 py-2 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-60"
            >
              {pending ? 'Making the link…' : 'Create review link'}
            </button>
            {error && (
              <p role="alert" className="rounded-lg bg-red-950/40 p-2 text-sm text-red-200">
                {error}
              </p>
            )}
            {created && (
              <>
                <label className="flex flex-col gap-1 text-sm text-zinc-200">
                  Review link
                  <input readOnly value={created.url} onFocus={(e) => e.target.select()} className={field} />
                </label>
                <p role="status" className="text-xs text-zinc-300">
                  Copy it now: it is shown only once. Decisions and comments appear in{' '}
                  <a href={`/reviews/${created.review.id}`} className="text-violet-300 underline">
                    the review
                  </a>
                  .
                </p>
              </>
            )}
          </form>
        </ModalCard>
      )}
    </>
  );
}
