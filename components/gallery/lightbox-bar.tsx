'use client';

import type { ReactNode } from 'react';
import type { CompareChoice } from './compare-picker';
import type { Mode } from './lightbox-stage';

interface LightboxBarProps {
  mode: Mode;
  other: CompareChoice | null;
  /** The difference's share, as a sentence. */
  share: string;
  holding: boolean;
  onHold(on: boolean): void;
  /** The zoom controls, always at the right. */
  children: ReactNode;
}

/**
 * The row under the image: what the mode needs (Hold to see…, the difference's legend) on the left, zoom on the
 * right. One height in every mode, so the image above never moves.
 */
export function LightboxBar({ mode, other, share, holding, onHold, children }: LightboxBarProps) {
  return (
    <div className="flex h-10 shrink-0 items-center justify-between gap-3 text-xs text-zinc-300">
      <div className="flex min-w-0 items-center gap-3">
        {mode === 'compare' && other && (
          <>
            <button
              type="button"
              aria-pressed={holding}
              onPointerDown={() => onHold(true)}
              onPointerUp={() => onHold(false)}
              onPointerLeave={() => onHold(false)}
              onKeyDown={(event) => {
                if (event.key === ' ' || event.key === 'Enter') {
                  event.preventDefault();
                  onHold(true);
                }
              }}
              onKeyUp={() => onHold(false)}
              onBlur={() => onHold(false)}
              className="rounded-md bg-zinc-800 px-2.5 py-1 font-medium text-zinc-100 hover:bg-zinc-700"
            >
              {other.label.startsWith('Base:') ? 'Hold to see the base' : 'Hold to see the other image'}
            </button>
            <span className="truncate text-zinc-400">
              Left of the divider: {other.label}. Drag the handle, or focus it and use ← →.
            </span>
          </>
        )}
        {mode === 'difference' && other && (
          <span className="truncate">
            <span className="mr-1 inline-block size-2.5 rounded-sm bg-[#ff00c8] align-middle" aria-hidden="true" />{' '}
            Changed against {other.label} · {share}
            <span className="text-zinc-400"> (compared at one scale; resampling noise ignored)</span>
          </span>
        )}
      </div>
      {children}
    </div>
  );
}
