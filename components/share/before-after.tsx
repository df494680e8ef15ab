'use client';

import { useState } from 'react';

/**
 * The result over its original, split by a slider: left of the line is before, right is after. Both images sit in
 * one box of the result's shape (object-contain), so an original of another size still lines up by its centre.
 */
export function BeforeAfter(props: { before: string; after: string; width: number; height: number; alt: string }) {
  const { before, after, width, height, alt } = props;
  const [split, setSplit] = useState(50);
  return (
    <div className="flex flex-col gap-2">
      <div
        className="relative w-full overflow-hidden rounded-lg bg-zinc-950"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- our own route, full quality on purpose */}
        <img
          src={after}
          alt={alt}
          width={width}
          height={height}
          className="absolute inset-0 size-full object-contain"
        />
        {/* eslint-disable-next-line @next/next/no-img-element -- our own route */}
        <img
          src={before}
          alt="The original, before the edit"
          className="absolute inset-0 size-full object-contain"
          style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
        />
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white/90 shadow"
          style={{ left: `${split}%` }}
        />
        <span
          aria-hidden
          className="absolute left-2 top-2 rounded bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white"
        >
          Before
        </span>
        <span
          aria-hidden
          className="absolute right-2 top-2 rounded bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white"
        >
          After
        </span>
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={split}
        onChange={(event) => setSplit(Number(event.currentTarget.value))}
        aria-label="Before and after"
        aria-valuetext={`${split}% before`}
        className="w-full accent-violet-500"
      />
    </div>
  );
}
