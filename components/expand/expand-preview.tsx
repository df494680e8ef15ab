'use client';

import { useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { moveOriginal, nudgeOriginal } from '@/lib/expand/frame';
import type { ExpandFrame, Point, Size } from '@/lib/expand/geometry';

interface ExpandPreviewProps {
  base: Size & { url: string; filename: string };
  frame: ExpandFrame;
  onFrameChange(frame: ExpandFrame): void;
}

/** Transparent-looking checkerboard for the new area, tinted violet: it is masked for repainting. */
const NEW_AREA_STYLE = {
  backgroundColor: '#3f3f46',
  backgroundImage:
    'linear-gradient(rgba(139,92,246,0.25), rgba(139,92,246,0.25)), conic-gradient(#52525b 25%, #27272a 0 50%, #52525b 0 75%, #27272a 0)',
  backgroundSize: '100% 100%, 16px 16px',
};

/**
 * The expanded canvas at a glance, and the keyboard's way to place the original to the pixel: "Original position"
 * takes the arrow keys (1 px, 10 px with Shift) and can be dragged. The panel's status line announces the offset.
 */
export function ExpandPreview({ base, frame, onFrameChange }: ExpandPreviewProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ from: Point; start: ExpandFrame } | null>(null);
  const { canvas, offset } = frame;

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { from: { x: event.clientX, y: event.clientY }, start: frame };
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    const start = drag.current;
    const rect = box.current?.getBoundingClientRect();
    if (!start || !rect) return;
    // Screen pixels to canvas pixels.
    const perPx = canvas.width / rect.width;
    onFrameChange(
      moveOriginal(start.start, base, {
        x: (event.clientX - start.from.x) * perPx,
        y: (event.clientY - start.from.y) * perPx,
      }),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const next = nudgeOriginal(frame, base, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    onFrameChange(next);
  }

  return (
    <div
      ref={box}
      data-testid="expand-preview"
      className="relative mx-auto h-28 max-w-full overflow-hidden rounded-md ring-1 ring-zinc-700"
      style={{ aspectRatio: `${canvas.width} / ${canvas.height}`, ...NEW_AREA_STYLE }}
    >
      <button
        type="button"
        aria-label="Original position"
        aria-describedby={`${id}-hint`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
        className="absolute cursor-move touch-none bg-cover bg-center outline-offset-2 ring-1 ring-white/70 focus-visible:outline-2 focus-visible:outline-violet-400"
        style={{
          left: `${(offset.x / canvas.width) * 100}%`,
          top: `${(offset.y / canvas.height) * 100}%`,
          width: `${(base.width / canvas.width) * 100}%`,
          height: `${(base.height / canvas.height) * 100}%`,
          backgroundImage: `url(${JSON.stringify(base.url)})`,
        }}
      />
      <span id={`${id}-hint`} className="sr-only">
        At ({offset.x}, {offset.y}) px in a {canvas.width} × {canvas.height} canvas. Arrow keys move it 1 pixel, with
        Shift 10; or drag it.
      </span>
    </div>
  );
}
