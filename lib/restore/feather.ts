/**
 * The paste-back weight: how much of the base each pixel takes. 1 (the base, bit for bit) wherever the mask keeps
 * and the pixel is at least `band` pixels from any repainted one; 0 inside the repainted area; a smooth ramp in
 * between, so no seam is drawn along the mask's edge. Soft mask alpha multiplies in as a blend weight.
 */

/** Feather width: ¾ % of the short side, at least 2 px (the asked-for range is 0.5–1 %). */
export function featherBand(width: number, height: number): number {
  return Math.max(2, Math.round(Math.min(width, height) * 0.0075));
}

/** A repainted pixel: mask alpha below half. */
export const REPAINT_BELOW = 128;

/** Weights 0–1 per pixel from the resampled keep mask (0–255). */
export function pasteWeights(keep: Uint8Array, width: number, height: number, band: number): Float32Array {
  const distance = distanceToRepaint(keep, width, height, band + 1);
  const weights = new Float32Array(width * height);
  for (let i = 0; i < weights.length; i++) {
    const alpha = keep[i]! / 255;
    const ramp = Math.min(1, distance[i]! / band);
    // Smoothstep: the ramp's slope is zero at both ends, so there is no kink at the band's edges either.
    weights[i] = alpha * ramp * ramp * (3 - 2 * ramp);
  }
  return weights;
}

/**
 * Chamfer (3-4) distance, in pixels, from each pixel to the nearest repainted one, capped at `cap`; 0 on repainted
 * pixels. Two passes, O(n): cheap enough at 4k.
 */
export function distanceToRepaint(keep: Uint8Array, width: number, height: number, cap: number): Float32Array {
  const far = cap * 3;
  const d = new Float32Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = keep[i]! < REPAINT_BELOW ? 0 : far;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let v = d[i]!;
      if (v === 0) continue;
      if (x > 0) v = Math.min(v, d[i - 1]! + 3);
      if (y > 0) {
        v = Math.min(v, d[i - width]! + 3);
        if (x > 0) v = Math.min(v, d[i - width - 1]! + 4);
        if (x < width - 1) v = Math.min(v, d[i - width + 1]! + 4);
      }
      d[i] = v;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      let v = d[i]!;
      if (v === 0) continue;
      if (x < width - 1) v = Math.min(v, d[i + 1]! + 3);
      if (y < height - 1) {
        v = Math.min(v, d[i + width]! + 3);
        if (x < width - 1) v = Math.min(v, d[i + width + 1]! + 4);
        if (x > 0) v = Math.min(v, d[i + width - 1]! + 4);
      }
      d[i] = v;
    }
  }
  for (let i = 0; i < d.length; i++) d[i] = Math.min(cap, d[i]! / 3);
  return d;
}
