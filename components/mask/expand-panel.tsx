'use client';

import { useId, type ReactNode } from 'react';
import { CENTRE, downscaleNote, expandLayout, FIXED_RATIOS, PLACEMENTS, type Placement } from '@/lib/expand/geometry';
import { isFourKAllowed, outputSize, type FixedRatio, type GenerationOptions } from '@/lib/jobs/options';
import { ExpandPreview } from './expand-preview';

interface ExpandPanelProps {
  base: { url: string; filename: string; width: number; height: number } | null;
  options: GenerationOptions;
  onOptionsChange(options: GenerationOptions): void;
  /** Where the original sits in the expanded canvas, or null when not expanding. */
  placement: Placement | null;
  onPlacementChange(placement: Placement | null): void;
  /** More actions beside the toggle (Make variants for ratios…). */
  children?: ReactNode;
}

/** A wide default: the most common reason to expand is a banner from a photo. */
const DEFAULT_RATIO: FixedRatio = '16:9';

/**
 * Expand canvas: grow the base to a target ratio (the same list the API renders) and place the original inside it.
 * The target ratio is the task's Aspect ratio, so the two never disagree; the new area is repainted.
 */
export function ExpandPanel({
  base,
  options,
  onOptionsChange,
  placement,
  onPlacementChange,
  children,
}: ExpandPanelProps) {
  const id = useId();
  const on = placement !== null && base !== null;
  const ratio: FixedRatio = options.size === 'auto' ? DEFAULT_RATIO : options.size;
  const setRatio = (size: FixedRatio) =>
    onOptionsChange({
      ...options,
      size,
      resolution: options.resolution === '4k' && !isFourKAllowed(size) ? '2k' : options.resolution,
    });

  function toggle() {
    if (on) return onPlacementChange(null);
    if (options.size === 'auto') setRatio(DEFAULT_RATIO);
    onPlacementChange(CENTRE);
  }

  const layout = on ? expandLayout(base, { ratio, placement }) : null;
  const output = outputSize(ratio, options.resolution);
  const note = layout && base ? downscaleNote(base, layout) : null;

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-100">
          Outpainting
        </h2>
        <div className="flex flex-wrap gap-2">
          {children}
          <button
            type="button"
            aria-pressed={on}
            disabled={!base}
            onClick={toggle}
            className="rounded-md border border-zinc-700 px-2.5 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-800 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:border-violet-400 aria-pressed:bg-violet-700 aria-pressed:text-white"
          >
            Expand canvas
          </button>
        </div>
      </div>
      {!base && <p className="mt-2 text-xs text-zinc-400">Add a base image to expand its canvas.</p>}
      {on && layout && (
        <div className="mt-3 grid gap-3 sm:grid-cols-[auto_minmax(0,1fr)]">
          <div className="flex flex-col gap-3">
            <div>
              <label htmlFor={`${id}-ratio`} className="mb-1 block text-xs font-medium text-zinc-300">
                Target ratio
              </label>
              <select
                id={`${id}-ratio`}
                value={ratio}
                onChange={(event) => setRatio(event.target.value as FixedRatio)}
                className="w-full rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100"
              >
                {FIXED_RATIOS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <div role="radiogroup" aria-label="Placement" className="grid w-fit grid-cols-3 gap-1">
              {Object.entries(PLACEMENTS).map(([name, spot]) => {
                const checked = spot.x === placement.x && spot.y === placement.y;
                return (
                  <button
                    key={name}
                    type="button"
                    role="radio"
                    aria-checked={checked}
                    aria-label={`Place ${name}`}
                    onClick={() => onPlacementChange(spot)}
                    className="grid size-7 place-items-center rounded border border-zinc-700 hover:bg-zinc-800 aria-checked:border-violet-400 aria-checked:bg-violet-700"
                  >
                    <span aria-hidden className="size-2 rounded-sm bg-zinc-300" />
                  </button>
                );
              })}
            </div>
          </div>
          <ExpandPreview base={base} layout={layout} placement={placement} onPlace={onPlacementChange} />
          <p role="status" className="text-xs text-zinc-300 sm:col-span-2">
            Canvas {layout.canvas.width} × {layout.canvas.height} px, original at ({layout.offset.x}, {layout.offset.y}
            ); the new area is repainted.{output ? ` Output: ${output.width} × ${output.height} px.` : ''}
            {note ? ` ${note}` : ''}
          </p>
        </div>
      )}
    </section>
  );
}
