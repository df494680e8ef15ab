'use client';

import { useState } from 'react';
import { placeOriginal } from '@/lib/expand/frame';
import { offsetAt, placementOf, PLACEMENTS, type ExpandFrame, type Size } from '@/lib/expand/geometry';

interface PlacementGridProps {
  base: Size;
  frame: ExpandFrame;
  onFrameChange(frame: ExpandFrame): void;
}

/**
 * Nine named spots for the original in the canvas. A spot is checked when the original sits exactly there; where
 * several spots are the same place (no free space on an axis: top, centre and bottom of a 16:9 frame around a 3:2
 * photo), the one picked last, else the nearest, so exactly one is checked; after a drag elsewhere, none is.
 */
export function PlacementGrid({ base, frame, onFrameChange }: PlacementGridProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const here = Object.keys(PLACEMENTS).filter((name) => {
    const offset = offsetAt(base, frame.canvas, PLACEMENTS[name]!);
    return offset.x === frame.offset.x && offset.y === frame.offset.y;
  });
  const at = placementOf(base, frame);
  const distance = (name: string) => Math.hypot(PLACEMENTS[name]!.x - at.x, PLACEMENTS[name]!.y - at.y);
  const checked = picked && here.includes(picked) ? picked : [...here].sort((a, b) => distance(a) - distance(b))[0];

  return (
    <div role="radiogroup" aria-label="Placement" className="grid w-fit grid-cols-3 gap-1">
      {Object.entries(PLACEMENTS).map(([name, spot]) => (
        <button
          key={name}
          type="button"
          role="radio"
          aria-checked={name === checked}
          aria-label={`Place ${name}`}
          onClick={() => {
            setPicked(name);
            onFrameChange(placeOriginal(frame, base, spot));
          }}
          className="grid size-7 place-items-center rounded border border-zinc-700 hover:bg-zinc-800 aria-checked:border-violet-400 aria-checked:bg-violet-700"
        >
          <span aria-hidden className="size-2 rounded-sm bg-zinc-300" />
        </button>
      ))}
    </div>
  );
}
