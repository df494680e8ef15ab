'use client';

import { useId, useState } from 'react';
import type { AssetView } from '@/lib/jobs/types';

/**
 * Before/after: the result over the base (stretched to the result's frame, as the engine does), split by a slider;
 * or hold the button (pointer, Space or Enter) to see the base alone.
 */
export function CompareView({ base, result, label, zoom }: { base: AssetView; result: AssetView; label: string; zoom: number }) {
  const id = useId();
  const [split, setSplit] = useState(50);
  const [holding, setHolding] = useState(false);
  const hold = (on: boolean) => setHolding(on);

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="relative mx-auto" style={{ width: `${zoom * 100}%`, aspectRatio: `${result.width} / ${result.height}`, maxWidth: zoom === 1 ? `calc((100dvh - 14rem) * ${result.width / result.height})` : undefined }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- originals from our own route, for pixel comparison */}
          <img src={base.url} alt={`Base: ${base.filename}`} className="absolute inset-0 size-full object-fill" />
          {/* eslint-disable-next-line @next/next/no-img-element -- see above */}
          <img
            src={result.url}
            alt={label}
            className="absolute inset-0 size-full object-fill"
            style={{ clipPath: holding ? 'inset(0 0 0 100%)' : `inset(0 0 0 ${split}%)` }}
          />
          {!holding && <div className="pointer-events-none absolute inset-y-0 w-0.5 bg-white/80" style={{ left: `${split}%` }} aria-hidden="true" />}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-300">
        <label htmlFor={`${id}-split`}>Compare position</label>
        <input
          id={`${id}-split`}
          type="range"
          min={0}
          max={100}
          value={split}
          aria-valuetext={`${split} % base on the left`}
          onChange={(event) => setSplit(Number(event.target.value))}
          className="min-w-32 flex-1 accent-violet-400"
        />
        <button
          type="button"
          aria-pressed={holding}
          onPointerDown={() => hold(true)}
          onPointerUp={() => hold(false)}
          onPointerLeave={() => hold(false)}
          onKeyDown={(event) => {
            if (event.key === ' ' || event.key === 'Enter') {
              event.preventDefault();
              hold(true);
            }
          }}
          onKeyUp={() => hold(false)}
          onBlur={() => hold(false)}
          className="rounded-md bg-zinc-800 px-2.5 py-1 font-medium text-zinc-100 hover:bg-zinc-700"
        >
          Hold to see the base
        </button>
      </div>
    </div>
  );
}
