/**
 * How much the model changed what the mask kept. A kept pixel counts as **changed** when any of its R, G, B
 * channels differs from the base (resampled to the result's size) by more than 24/255, about the smallest
 * difference a viewer notices on a photo side by side; `meanDelta` is the mean absolute per-channel difference over
 * the kept pixels, in 0–255 grey levels. Measured on the model's output as generated (not aligned): a frame moved by
 * a few pixels is drift too. Kept: mask alpha ≥ 250 after resampling.
 */

export interface Drift {
  /** 0–1: share of kept pixels changed visibly. */
  changedShare: number;
  /** Mean absolute per-channel difference, 0–255. */
  meanDelta: number;
}

export const CHANGED_ABOVE = 24;
const KEPT = 250;

/** Null when the mask keeps nothing (there is no drift to speak of). */
export function measureDrift(base: Uint8Array, output: Uint8Array, keep: Uint8Array): Drift | null {
  let kept = 0;
  let changed = 0;
  let total = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i]! < KEPT) continue;
    const p = i * 4;
    const r = Math.abs(base[p]! - output[p]!);
    const g = Math.abs(base[p + 1]! - output[p + 1]!);
    const b = Math.abs(base[p + 2]! - output[p + 2]!);
    kept++;
    total += r + g + b;
    if (r > CHANGED_ABOVE || g > CHANGED_ABOVE || b > CHANGED_ABOVE) changed++;
  }
  if (kept === 0) return null;
  return { changedShare: changed / kept, meanDelta: total / (3 * kept) };
}
