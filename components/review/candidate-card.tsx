'use client';

import { useId, useState, type FormEvent } from 'react';
import { COMMENT_MAX, type Pin, type ReviewCandidate } from '@/lib/reviews/types';
import { describePin } from '@/lib/reviews/pin';
import { CandidateImage } from './candidate-image';
import { CommentThread, pinNumbers } from './comment-thread';
import { DecisionSummary } from './decision-summary';

export type Decision = 'pick' | 'unpick' | 'approve' | 'request_changes' | 'clear';

const action =
  'min-h-11 rounded-lg border border-zinc-700 px-3 py-2 text-sm font-medium text-zinc-100 hover:bg-zinc-800 disabled:opacity-50';

/**
 * One candidate on the review page: the image, Pick / Approve / Request changes, what everyone said, and a comment
 * form that can pin the comment to a point of the image. Read-only once the review is closed.
 */
export function CandidateCard({
  candidate,
  readOnly,
  onDecide,
  onComment,
}: {
  candidate: ReviewCandidate;
  readOnly: boolean;
  onDecide(decision: Decision): Promise<string | null>;
  onComment(body: string, pin: Pin | null): Promise<string | null>;
}) {
  const id = useId();
  const [body, setBody] = useState('');
  const [pin, setPin] = useState<Pin | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const numbers = pinNumbers(candidate.comments);
  const pins = candidate.comments.flatMap((c) => (c.pin ? [{ pin: c.pin, number: numbers.get(c.id)! }] : []));
  const { picked, verdict } = candidate.mine;

  async function run(call: () => Promise<string | null>) {
    setPending(true);
    const failed = await call();
    setError(failed);
    setPending(false);
    return failed;
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!(await run(() => onComment(body, pin)))) {
      setBody('');
      setPin(null);
    }
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-900 p-3"
    >
      <h2 id={`${id}-title`} className="flex items-baseline justify-between text-sm font-semibold text-zinc-100">
        {candidate.label}
        <span className="text-xs font-normal tabular-nums text-zinc-400">
          {candidate.width} × {candidate.height}
        </span>
      </h2>
      <CandidateImage candidate={candidate} pins={pins} draft={pin} onDraft={setPin} />
      <DecisionSummary decisions={candidate.decisions} />
      {!readOnly && (
        <div role="group" aria-label={`Decide on ${candidate.label}`} className="grid grid-cols-3 gap-2">
          <button
            type="button"
            aria-pressed={picked}
            disabled={pending}
            onClick={() => void run(() => onDecide(picked ? 'unpick' : 'pick'))}
            className={`${action} aria-pressed:border-amber-400 aria-pressed:bg-amber-400/15 aria-pressed:text-amber-100`}
          >
            Pick
          </button>
          <button
            type="button"
            aria-pressed={verdict === 'approved'}
            disabled={pending}
            onClick={() => void run(() => onDecide(verdict === 'approved' ? 'clear' : 'approve'))}
            className={`${action} aria-pressed:border-emerald-400 aria-pressed:bg-emerald-500/15 aria-pressed:text-emerald-100`}
          >
            Approve
          </button>
          <button
            type="button"
            aria-pressed={verdict === 'changes_requested'}
            disabled={pending}
            onClick={() => void run(() => onDecide(verdict === 'changes_requested' ? 'clear' : 'request_changes'))}
            className={`${action} aria-pressed:border-red-400 aria-pressed:bg-red-500/15 aria-pressed:text-red-100`}
          >
            Request changes
          </button>
        </div>
      )}
      <CommentThread comments={candidate.comments} numbers={numbers} />
      {!readOnly && (
        <form onSubmit={(e) => void send(e)} className="flex flex-col gap-2">
          <label htmlFor={`${id}-comment`} className="text-sm font-medium text-zinc-200">
            Comment
          </label>
          <textarea
            id={`${id}-comment`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={COMMENT_MAX}
            rows={2}
            aria-describedby={`${id}-pin`}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-base text-zinc-100"
          />
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              aria-pressed={pin !== null}
              onClick={() => setPin(pin ? null : { x: 0.5, y: 0.5 })}
              className="min-h-11 rounded-lg border border-zinc-700 px-3 py-2 text-sm text-zinc-200 hover:bg-zinc-800 aria-pressed:border-violet-400"
            >
              {pin ? 'Remove pin' : 'Pin to a point'}
            </button>
            <span id={`${id}-pin`} className="flex-1 text-xs text-zinc-400">
              {pin ? `Pinned at ${describePin(pin)}: click the image or use the arrow keys on the pin.` : ''}
            </span>
            <button
              type="submit"
              disabled={pending || body.trim().length === 0}
              className="min-h-11 rounded-lg bg-violet-700 px-4 py-2 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
            >
              Send
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="rounded-lg bg-red-950/50 p-2 text-sm text-red-200">
          {error}
        </p>
      )}
    </section>
  );
}
