'use client';

import { useId, useRef, useState } from 'react';
import {
  CENTRE,
  FIXED_RATIOS,
  frameForRatio,
  placementOf,
  RATIO_PRESETS,
  type ExpandFrame,
} from '@/lib/expand/geometry';
import { useCost } from '@/components/cost/cost-context';
import { estimateRatioSet, formatEstimate } from '@/lib/cost/estimate';
import { formatMoney } from '@/lib/cost/money';
import { isFourKAllowed, outputSize, type FixedRatio, type GenerationOptions } from '@/lib/jobs/options';
import type { AssetView } from '@/lib/jobs/types';
import { submitExpandRequest } from './submit-expanded';

interface RatioSetDialogProps {
  references: AssetView[];
  prompt: string;
  options: GenerationOptions;
  /** The Expand canvas frame: each ratio's canvas places the original at the same share of the free space. */
  frame: ExpandFrame | null;
  exportMask(): Promise<Blob | null>;
  onSubmitted(): void;
}

/**
 * Make variants for ratios…: the current base (and its painted mask) expanded to every ticked ratio, one task each,
 * grouped as one set in the gallery. Each task draws from the same upstream budgets as any other.
 */
export function RatioSetDialog({ references, prompt, options, frame, exportMask, onSubmitted }: RatioSetDialogProps) {
  const cost = useCost();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const key = useRef(crypto.randomUUID());
  const [ticked, setTicked] = useState<FixedRatio[]>(RATIO_PRESETS[0]!.ratios);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = references[0];
  const placement = base && frame ? placementOf(base, frame) : CENTRE;

  async function submit() {
    if (!base || busy) return;
    if (!prompt.trim()) return setError('Prompt: describe the edit first; it is empty.');
    const estimate = cost && estimateRatioSet(cost.pricing, { options, inputImages: references.length }, ticked);
    if (estimate && cost.confirmAboveMicros != null && estimate.micros > cost.confirmAboveMicros) {
      const amount = formatMoney(estimate.micros, estimate.currency);
      if (!window.confirm(`These ${ticked.length} tasks are estimated at ≈ ${amount}. Submit them anyway?`)) return;
    }
    setBusy(true);
    setError(null);
    try {
      const targets = ticked.map((ratio) => ({ ratio, placement }));
      const referenceIds = references.map((r) => r.id);
      const result = await submitExpandRequest({
        idempotencyKey: key.current,
        prompt,
        options,
        referenceIds,
        targets,
        mask: await exportMask(),
      });
      if (!result.ok) return setError(result.error.message);
      key.current = crypto.randomUUID();
      dialog.current?.close();
      onSubmitted();
    } catch {
      setError('The studio could not reach the server. Your work is kept; try again.');
    } finally {
      setBusy(false);
    }
  }

  const toggle = (ratio: FixedRatio) =>
    setTicked((now) =>
      now.includes(ratio) ? now.filter((r) => r !== ratio) : FIXED_RATIOS.filter((r) => r === ratio || now.includes(r)),
    );

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        disabled={!base}
        onClick={() => dialog.current?.showModal()}
        className="rounded-md border border-zinc-700 px-2.5 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-800 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Make variants for ratios…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onClick={(event) => event.target === event.currentTarget && dialog.current?.close()}
        className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-2xl border border-zinc-800 bg-zinc-900 p-5 text-zinc-100 backdrop:bg-black/70"
      >
        <h3 id={`${id}-title`} className="text-base font-semibold text-zinc-50">
          Make variants for ratios
        </h3>
        <p className="mt-1 text-sm text-zinc-400">
          One task per ratio, each with the base expanded to it; they appear as one set.
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          {RATIO_PRESETS.map((preset) => (
            <button
              key={preset.name}
              type="button"
              onClick={() => setTicked(preset.ratios)}
              className="rounded-full border border-zinc-700 px-2.5 py-0.5 text-xs text-zinc-200 hover:bg-zinc-800"
            >
              {preset.name}
            </button>
          ))}
        </div>
        <fieldset className="mt-3 grid grid-cols-2 gap-1.5 sm:grid-cols-3">
          <legend className="sr-only">Ratios</legend>
          {FIXED_RATIOS.map((ratio) => {
            const canvas = base ? frameForRatio(base, ratio, placement).canvas : null;
            const output = outputSize(
              ratio,
              options.resolution === '4k' && !isFourKAllowed(ratio) ? '2k' : options.resolution,
            );
            return (
              <label key={ratio} className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-zinc-800">
                <input
                  type="checkbox"
                  checked={ticked.includes(ratio)}
                  onChange={() => toggle(ratio)}
                  className="accent-violet-500"
                />
                <span className="font-medium">{ratio}</span>
                <span
                  className="text-xs text-zinc-400"
                  title={canvas ? `Canvas ${canvas.width} × ${canvas.height}` : undefined}
                >
                  {output ? `${output.width}×${output.height}` : ''}
                </span>
              </label>
            );
          })}
        </fieldset>
        {error && (
          <p role="alert" className="mt-3 rounded-lg bg-red-950/40 p-2 text-sm text-red-200">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md px-3 py-1.5 text-sm text-zinc-300 hover:bg-zinc-800"
          >
            Cancel
          </button>
          <button
            type="button"
            aria-busy={busy}
            disabled={ticked.length === 0}
            onClick={submit}
            className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
          >
            Submit {ticked.length} {ticked.length === 1 ? 'task' : 'tasks'}
          </button>
        </div>
        {cost && ticked.length > 0 && (
          <p
            data-cost-estimate="ratio-set"
            aria-live="polite"
            className="mt-2 text-right text-xs tabular-nums text-zinc-300"
          >
            <span className="sr-only">Estimated cost: </span>
            {formatEstimate(estimateRatioSet(cost.pricing, { options, inputImages: references.length }, ticked))}
          </p>
        )}
      </dialog>
    </>
  );
}
