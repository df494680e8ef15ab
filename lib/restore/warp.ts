/** Resamples RGBA under an alignment (`align.ts`): output position of base point p is c + scale·(p − c) + (dx, dy). */
import type { Alignment } from './align';

/** Bilinear, edges clamped; the identity returns the input itself, so an aligned engine result stays bit-exact. */
export function warpRgba(rgba: Uint8Array, width: number, height: number, alignment: Alignment): Uint8Array {
  const { dx, dy, scale } = alignment;
  if (Math.abs(dx) < 0.05 && Math.abs(dy) < 0.05 && Math.abs(scale - 1) < 1e-4) return rgba;
  const out = new Uint8Array(rgba.length);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(height - 1, Math.max(0, cy + scale * (y - cy) + dy));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, cx + scale * (x - cx) + dx));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const a = (y0 * width + x0) * 4;
      const b = (y0 * width + x1) * 4;
      const c = (y1 * width + x0) * 4;
      const d = (y1 * width + x1) * 4;
      const o = (y * width + x) * 4;
      for (let k = 0; k < 4; k++) {
        const top = rgba[a + k]! + (rgba[b + k]! - rgba[a + k]!) * fx;
        const bottom = rgba[c + k]! + (rgba[d + k]! - rgba[c + k]!) * fx;
        out[o + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return out;
}
