'use client';

import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { describePin, movePin, pinFromClick } from '@/lib/reviews/pin';
import type { Pin, ReviewCandidate } from '@/lib/reviews/types';

/**
 * A candidate, large, with its comments' pins and the pin being placed. While pinning, a click on the image puts the
 * pin there and the pin itself is focusable: the arrow keys move it (Shift: finer), so no mouse is needed.
 * With the base included, `Show before` swaps in the original.
 */
export function CandidateImage({
  candidate,
  pins,
  draft,
  onDraft,
}: {
  candidate: ReviewCandidate;
  pins: Array<{ pin: Pin; number: number }>;
  draft: Pin | null;
  onDraft(pin: Pin): void;
}) {
  const [before, setBefore] = useState(false);
  const src = before && candidate.beforeUrl ? candidate.beforeUrl : candidate.imageUrl;

  function place(event: MouseEvent<HTMLDivElement>) {
    if (draft) onDraft(pinFromClick(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY));
  }
  function nudge(event: KeyboardEvent) {
    if (!draft) return;
    const next = movePin(draft, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    onDraft(next);
  }

  return (
    <div className="flex flex-col gap-2">
      {/* The click target is the image's box; the keyboard way is the pin button below (a click is a shortcut). */}
      <div
        onClick={place}
        className={`relative mx-auto max-w-full overflow-hidden rounded-lg bg-zinc-950 ${draft ? 'cursor-crosshair' : ''}`}
        // As large as fits: the full width, or 75% of the screen's height for a tall ratio (pins stay on the image).
        style={{
          aspectRatio: `${candidate.width} / ${candidate.height}`,
          width: `min(100%, calc(75dvh * ${candidate.width / candidate.height}))`,
        }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- the review's own image route */}
        <img
          src={src}
          alt={before ? `${candidate.label}: the original, before the edit` : candidate.label}
          width={candidate.width}
          height={candidate.height}
          className="absolute inset-0 size-full object-contain"
        />
        {pins.map(({ pin, number }) => (
          <span
            key={number}
            aria-hidden
            className="absolute flex size-6 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full bg-amber-400 text-xs font-bold text-zinc-950 shadow ring-2 ring-zinc-950"
            style={{ left: `${pin.x * 100}%`, top: `${pin.y * 100}%` }}
          >
            {number}
          </span>
        ))}
        {draft && (
          <button
            type="button"
            onKeyDown={nudge}
            onClick={(e) => e.stopPropagation()}
            aria-label={`Comment pin at ${describePin(draft)}. Arrow keys move it.`}
            className="absolute size-7 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-violet-600 shadow-lg focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-white"
            style={{ left: `${draft.x * 100}%`, top: `${draft.y * 100}%` }}
          />
        )}
      </div>
      {candidate.beforeUrl && (
        <button
          type="button"
          aria-pressed={before}
          onClick={() => setBefore((b) => !b)}
          className="self-start rounded-md border border-zinc-700 px-3 py-1.5 text-sm text-zinc-200 hover:bg-zinc-800 aria-pressed:border-violet-400 aria-pressed:bg-zinc-800"
        >
          Show before
        </button>
      )}
    </div>
  );
}
