'use client';

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { AssetView } from '@/lib/jobs/types';

interface CompareViewProps {
  other: { asset: AssetView; label: string };
  subject: { asset: AssetView; label: string };
  split: number;
  onSplit(split: number): void;
  /** Hold to see the other image alone. */
  holding: boolean;
}

/**
 * Before/after on the image itself: the other image (stretched to this frame, as the engine does with a base) on the
 * left of a divider, this one on the right. The divider's handle is a slider: drag it (or anywhere on the image),
 * or focus it and use the arrow keys, Page Up/Down, Home and End. Fills the stage's image box.
 */
export function CompareView({ other, subject, split, onSplit, holding }: CompareViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  function follow(event: PointerEvent) {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    onSplit(Math.round(Math.min(100, Math.max(0, ((event.clientX - rect.left) / rect.width) * 100))));
  }

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = {
      ArrowLeft: -1,
      ArrowDown: -1,
      ArrowRight: 1,
      ArrowUp: 1,
      PageDown: -10,
      PageUp: 10,
    };
    let next: number | null = event.key in moves ? split + moves[event.key]! * (event.shiftKey ? 10 : 1) : null;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = 100;
    if (next === null) return;
    // The lightbox's own arrow keys move between results; on the handle they move the divider.
    event.preventDefault();
    event.stopPropagation();
    onSplit(Math.min(100, Math.max(0, next)));
  }

  const shown = holding ? 100 : split;
  return (
    <div
      ref={box}
      className="absolute inset-0 cursor-ew-resize touch-none select-none"
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        follow(event);
      }}
      onPointerMove={(event) => dragging.current && follow(event)}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- originals from our own route, for pixel comparison */}
      <img
        src={other.asset.url}
        alt={other.label}
        draggable={false}
        className="absolute inset-0 size-full object-fill"
      />
      {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
      <img
        src={subject.asset.url}
        alt={subject.label}
        draggable={false}
        className="absolute inset-0 size-full object-fill"
        style={{ clipPath: `inset(0 0 0 ${shown}%)` }}
      />
      <div
        className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.35)]"
        style={{ left: `${shown}%` }}
        aria-hidden="true"
      />
      <div
        role="slider"
        tabIndex={0}
        aria-label="Compare position"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={split}
        aria-valuetext={`${split} % ${other.label} on the left`}
        onKeyDown={onKeyDown}
        className="absolute top-1/2 flex size-10 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border-2 border-white bg-zinc-900/80 text-white shadow-lg outline-none focus-visible:ring-4 focus-visible:ring-violet-400"
        style={{ left: `${shown}%` }}
      >
        <svg
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          <path d="M9 7l-5 5 5 5M15 7l5 5-5 5" />
        </svg>
      </div>
    </div>
  );
}
