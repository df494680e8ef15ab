/**
 * Puts back what the mask kept: the base (already resampled to the output's size by the caller) wherever the mask
 * keeps, the model's pixels where it repaints, after aligning the output to the base (`align.ts`), correcting the
 * repainted area's low-frequency colour to its surroundings (`colour.ts`) and feathering the seam (`feather.ts`).
 * Framework-free: RGBA bytes in, RGBA bytes out.
 */
import { estimateAlignment, type AlignmentEstimate } from './align';
import { offsetField, offsetsAt } from './colour';
import { measureDrift, type Drift } from './drift';
import { featherBand, pasteWeights } from './feather';
import { warpRgba } from './warp';

export interface RestoreInput {
  /** The base as displayed, RGBA, resampled to `width` × `height`. */
  base: Uint8Array;
  /** The model's output, RGBA. */
  output: Uint8Array;
  /** Mask alpha resampled the same way, one byte per pixel: 255 keep, 0 repaint. */
  keep: Uint8Array;
  width: number;
  height: number;
}

export interface RestoreOutput {
  /** The restored RGBA, or null when it could not be made (then `reason` says why). */
  pixels: Uint8Array | null;
  alignment: AlignmentEstimate;
  drift: Drift | null;
  reason?: string;
}

/** Restores one output. Never throws on content; only on inconsistent sizes (a programming error). */
export function restorePixels(input: RestoreInput): RestoreOutput {
  const { base, output, keep, width, height } = input;
  if (base.length !== width * height * 4 || output.length !== base.length || keep.length !== width * height) {
    throw new Error('restorePixels: base, output and mask must have the same size');
  }
  const drift = measureDrift(base, output, keep);
  const alignment = estimateAlignment(base, output, keep, width, height);
  if (!alignment.ok) return { pixels: null, alignment, drift, reason: alignment.reason };

  const aligned = warpRgba(output, width, height, alignment);
  const field = offsetField(base, aligned, keep, width, height);
  const weights = pasteWeights(keep, width, height, featherBand(width, height));
  // Start from the base: most pixels are kept whole, and copying them in one go is what makes 4k cheap.
  const pixels = base.slice();
  const offset = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const w = weights[i]!;
      if (w >= 1) continue;
      const p = i * 4;
      offsetsAt(field, x, y, offset);
      for (let k = 0; k < 3; k++) {
        const corrected = aligned[p + k]! + offset[k]!;
        pixels[p + k] = clampByte(w * base[p + k]! + (1 - w) * corrected);
      }
      pixels[p + 3] = clampByte(w * base[p + 3]! + (1 - w) * aligned[p + 3]!);
    }
  }
  return { pixels, alignment, drift };
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}
