'use client';

import { useId, type ReactNode } from 'react';
import { withRatio } from '@/lib/expand/frame';
import {
  CENTRE,
  downscaleNote,
  FIXED_RATIOS,
  frameForRatio,
  layoutFrame,
  type ExpandFrame,
} from '@/lib/expand/geometry';
import { outputSize, type FixedRatio, type GenerationOptions } from '@/lib/jobs/options';
import { ExpandPreview } from './expand-preview';
import { PlacementGrid } from './placement-grid';

interface ExpandPanelProps {
  base: { url: string; filename: string; width: number; height: number } | null;
  options: GenerationOptions;
  /** Expand canvas is switched on. */
  on: boolean;
  /** The frame being expanded to (its ratio is the Aspect ratio), or null when off or the Aspect ratio is auto. */
  frame: ExpandFrame | null;
  /** A new frame (its ratio becomes the Aspect ratio), or null to stop expanding. */
  onFrameChange(frame: ExpandFrame | null): void;
  /** Whether the editor's edge handles keep the ratio (else they snap to the nearest API ratio). */
  ratioLocked: boolean;
  onRatioLockedChange(locked: boolean): void;
  /** More actions beside the toggle (Make variants for ratios…). */
  children?: ReactNode;
}

/** A wide default: the most common reason to expand is a banner from a photo. */
const DEFAULT_RATIO: FixedRatio = '16:9';

/**
 * Expand canvas: grow the base to one of the API's ratios and place the original inside it. The same frame has
 * handles in the mask editor (drag its edges; drag the original with Move original); these controls are the
 * keyboard's way to every change: ratio, placement, the original's position to the pixel, the ratio lock.
 */
export function ExpandPanel({
  base,
  options,
  on,
  frame,
  onFrameChange,
  ratioLocked,
  onRatioLockedChange,
  children,
}: ExpandPanelProps) {
  const id = useId();
  const active = on && base !== null;

  function toggle() {
    if (!base) return;
    if (active) return onFrameChange(null);
    onFrameChange(frameForRatio(base, options.size === 'auto' ? DEFAULT_RATIO : options.size, CENTRE));
  }

  function pickRatio(ratio: FixedRatio) {
    if (base) onFrameChange(frame ? withRatio(frame, base, ratio) : frameForRatio(base, ratio, CENTRE));
  }

  const layout = base && frame ? layoutFrame(base, frame) : null;
  const output = frame ? outputSize(frame.ratio, options.resolution) : null;
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
            aria-pressed={active}
            disabled={!base}
            onClick={toggle}
            className="rounded-md border border-zinc-700 px-2.5 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-800 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:border-violet-400 aria-pressed:bg-violet-700 aria-pressed:text-white"
          >
            Expand canvas
          </button>
        </div>
      </div>
      {!base && <p className="mt-2 text-xs text-zinc-400">Add a base image to expand its canvas.</p>}
      {active && base && (
        <div className="mt-3 grid gap-3 sm:grid-cols-[auto_minmax(0,1fr)]">
          <div className="flex flex-col gap-3">
            <div>
              <label htmlFor={`${id}-ratio`} className="mb-1 block text-xs font-medium text-zinc-300">
                Target ratio
              </label>
              <select
                id={`${id}-ratio`}
                value={frame?.ratio ?? ''}
                onChange={(event) => pickRatio(event.target.value as FixedRatio)}
                className="w-full rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100"
              >
                {frame ? null : (
                  <option value="" disabled>
                    Choose a ratio
                  </option>
                )}
                {FIXED_RATIOS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <label
              className="flex items-center gap-2 text-xs text-zinc-200"
              title="On: the editor's edge handles keep the ratio. Off: they snap to the nearest ratio the API renders."
            >
              <input
                type="checkbox"
                checked={ratioLocked}
                onChange={(event) => onRatioLockedChange(event.target.checked)}
                className="accent-violet-500"
              />
              Lock ratio
            </label>
            {frame && <PlacementGrid base={base} frame={frame} onFrameChange={onFrameChange} />}
          </div>
          {frame && <ExpandPreview base={base} frame={frame} onFrameChange={onFrameChange} />}
          <p role="status" className="text-xs text-zinc-300 sm:col-span-2">
            {layout
              ? `Canvas ${layout.canvas.width} × ${layout.canvas.height} px, original at (${layout.offset.x}, ${layout.offset.y}); the new area is repainted.` +
                `${output ? ` Output: ${output.width} × ${output.height} px.` : ''}${note ? ` ${note}` : ''}`
              : 'The Aspect ratio is auto: choose a target ratio to expand to.'}
          </p>
          <p className="text-xs text-zinc-400 sm:col-span-2">
            In the mask editor, drag the canvas edges and corners; Move original (V) drags the original.
          </p>
        </div>
      )}
    </section>
  );
}
