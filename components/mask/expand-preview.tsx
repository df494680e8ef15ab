'use client';

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { ExpandLayout, Placement } from '@/lib/expand/geometry';

interface ExpandPreviewProps {
  base: { url: string; filename: string };
  layout: ExpandLayout;
  placement: Placement;
  onPlace(placement: Placement): void;
}

/** Transparent-looking checkerboard for the new area, tinted violet: it is masked for repainting. */
const NEW_AREA_STYLE = {
  backgroundColor: '#3f3f46',
  backgroundImage:
    'linear-gradient(rgba(139,92,246,0.25), rgba(139,92,246,0.25)), conic-gradient(#52525b 25%, #27272a 0 50%, #52525b 0 75%, #27272a 0)',
  backgroundSize: '100% 100%, 16px 16px',
};

const STEP = 0.05;

/**
 * The expanded canvas at a glance: the new area as checkerboard, the original where it will sit. Drag the original
 * (or focus it and use the arrow keys) to place it anywhere along the free axis.
 */
export function ExpandPreview({ base, layout, placement, onPlace }: ExpandPreviewProps) {
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; start: Placement } | null>(null);
  const { canvas, inner, offset } = layout;
  const freeX = canvas.width - inner.width;
  const freeY = canvas.height - inner.height;

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, start: placement };
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    const start = drag.current;
    const box = frame.current?.getBoundingClientRect();
    if (!start || !box) return;
    // Screen pixels to canvas pixels, then to a share of the free space on each axis.
    const perPx = canvas.width / box.width;
    const x = freeX > 0 ? start.start.x + ((event.clientX - start.x) * perPx) / freeX : placement.x;
    const y = freeY > 0 ? start.start.y + ((event.clientY - start.y) * perPx) / freeY : placement.y;
    onPlace({ x: clamp(x), y: clamp(y) });
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    onPlace({ x: clamp(placement.x + move[0]), y: clamp(placement.y + move[1]) });
  }

  return (
    <div
      ref={frame}
      data-testid="expand-preview"
      className="relative mx-auto h-28 max-w-full overflow-hidden rounded-md ring-1 ring-zinc-700"
      style={{ aspectRatio: `${canvas.width} / ${canvas.height}`, ...NEW_AREA_STYLE }}
    >
      <button
        type="button"
        aria-label={`Move the original: ${Math.round(placement.x * 100)} % across, ${Math.round(placement.y * 100)} % down (drag, or arrow keys)`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
        className="absolute cursor-move touch-none bg-cover bg-center outline-offset-2 ring-1 ring-white/70 focus-visible:outline-2 focus-visible:outline-violet-400"
        style={{
          left: `${(offset.x / canvas.width) * 100}%`,
          top: `${(offset.y / canvas.height) * 100}%`,
          width: `${(inner.width / canvas.width) * 100}%`,
          height: `${(inner.height / canvas.height) * 100}%`,
          backgroundImage: `url(${JSON.stringify(base.url)})`,
        }}
      />
    </div>
  );
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
}
