/** Image-quality measures for the engine benchmark, computed only where it matters: inside the hole. */

export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
}

function luma(image: Rgb): Float64Array {
  const out = new Float64Array(image.width * image.height);
  for (let p = 0; p < out.length; p++) {
    out[p] = 0.299 * image.data[p * 3]! + 0.587 * image.data[p * 3 + 1]! + 0.114 * image.data[p * 3 + 2]!;
  }
  return out;
}

/** PSNR (dB) over the hole's pixels, all three channels. */
export function psnrInHole(result: Rgb, truth: Rgb, hole: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    for (let c = 0; c < 3; c++) {
      const d = result.data[p * 3 + c]! - truth.data[p * 3 + c]!;
      sum += d * d;
      n++;
    }
  }
  const mse = sum / Math.max(1, n);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** SSIM on luma with 7×7 uniform windows (Wang et al. 2004 constants), averaged over windows centred in the hole. */
export function ssimInHole(result: Rgb, truth: Rgb, hole: Uint8Array): number {
  const { width: w, height: h } = result;
  const a = luma(result);
  const b = luma(truth);
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  const R = 3;
  let total = 0;
  let n = 0;
  for (let y = R; y < h - R; y++) {
    for (let x = R; x < w - R; x++) {
      if (!hole[y * w + x]) continue;
      let ma = 0;
      let mb = 0;
      for (let dy = -R; dy <= R; dy++) {
        for (let dx = -R; dx <= R; dx++) {
          ma += a[(y + dy) * w + x + dx]!;
          mb += b[(y + dy) * w + x + dx]!;
        }
      }
      const k = (2 * R + 1) ** 2;
      ma /= k;
      mb /= k;
      let va = 0;
      let vb = 0;
      let cov = 0;
      for (let dy = -R; dy <= R; dy++) {
        for (let dx = -R; dx <= R; dx++) {
          const da = a[(y + dy) * w + x + dx]! - ma;
          const db = b[(y + dy) * w + x + dx]! - mb;
          va += da * da;
          vb += db * db;
          cov += da * db;
        }
      }
      va /= k - 1;
      vb /= k - 1;
      cov /= k - 1;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      n++;
    }
  }
  return total / Math.max(1, n);
}

/**
 * Gradient energy (mean squared central difference of luma) inside the hole ÷ the same in a `ring`-px band around
 * it. A blur scores near 0; texture as busy as its surroundings scores near 1.
 */
export function sharpnessRatio(result: Rgb, hole: Uint8Array, ring = 16): number {
  const { width: w, height: h } = result;
  const l = luma(result);
  // Distance (chessboard) from the hole, up to `ring`, by repeated dilation.
  const dist = new Int32Array(w * h).fill(-1);
  let frontier: number[] = [];
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    dist[p] = 0;
    frontier.push(p);
  }
  for (let d = 1; d <= ring && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const p of frontier) {
      const x = p % w;
      const y = (p - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const q = yy * w + xx;
          if (dist[q] !== -1) continue;
          dist[q] = d;
          next.push(q);
        }
      }
    }
    frontier = next;
  }
  let inside = 0;
  let ni = 0;
  let around = 0;
  let na = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      const d = dist[p]!;
      if (d === -1) continue;
      const gx = (l[p + 1]! - l[p - 1]!) / 2;
      const gy = (l[p + w]! - l[p - w]!) / 2;
      const e = gx * gx + gy * gy;
      // Skip the hole's own rim (d = 1..2): the seam belongs to neither side.
      if (d === 0) {
        inside += e;
        ni++;
      } else if (d > 2) {
        around += e;
        na++;
      }
    }
  }
  return inside / Math.max(1, ni) / Math.max(1e-9, around / Math.max(1, na));
}

/** "Plain blur fill": push–pull (a pyramid of masked means), the smoothest fill that still meets the rim. */
export function blurFill(image: Rgb, hole: Uint8Array): Rgb {
  interface L {
    w: number;
    h: number;
    c: Float64Array; // colour × weight
    k: Float64Array; // weight
  }
  const levels: L[] = [];
  const base: L = {
    w: image.width,
    h: image.height,
    c: new Float64Array(hole.length * 3),
    k: new Float64Array(hole.length),
  };
  for (let p = 0; p < hole.length; p++) {
    if (hole[p]) continue;
    base.k[p] = 1;
    for (let c = 0; c < 3; c++) base.c[p * 3 + c] = image.data[p * 3 + c]!;
  }
  levels.push(base);
  while (levels.at(-1)!.w > 1 || levels.at(-1)!.h > 1) {
    const f = levels.at(-1)!;
    const w = Math.ceil(f.w / 2);
    const h = Math.ceil(f.h / 2);
    const next: L = { w, h, c: new Float64Array(w * h * 3), k: new Float64Array(w * h) };
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const p = y * f.w + x;
        const q = (y >> 1) * w + (x >> 1);
        next.k[q] = next.k[q]! + f.k[p]!;
        for (let c = 0; c < 3; c++) next.c[q * 3 + c] = next.c[q * 3 + c]! + f.c[p * 3 + c]!;
      }
    }
    levels.push(next);
  }
  // Pull: a pixel with too little weight takes its parent's mean.
  for (let i = levels.length - 2; i >= 0; i--) {
    const f = levels[i]!;
    const parent = levels[i + 1]!;
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const p = y * f.w + x;
        if (f.k[p]! >= 1) continue;
        // Bilinear from the parent level (already complete), so the fill is smooth rather than blocky.
        const px = Math.min(parent.w - 1, Math.max(0, (x - 0.5) / 2));
        const py = Math.min(parent.h - 1, Math.max(0, (y - 0.5) / 2));
        const x0 = Math.floor(px);
        const y0 = Math.floor(py);
        const x1 = Math.min(parent.w - 1, x0 + 1);
        const y1 = Math.min(parent.h - 1, y0 + 1);
        const fx = px - x0;
        const fy = py - y0;
        const t = f.k[p]!;
        for (let c = 0; c < 3; c++) {
          const at = (xx: number, yy: number) => {
            const q = yy * parent.w + xx;
            return parent.c[q * 3 + c]! / Math.max(1e-9, parent.k[q]!);
          };
          const mean =
            (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
          f.c[p * 3 + c] = f.c[p * 3 + c]! + (1 - t) * mean;
        }
        f.k[p] = 1;
      }
    }
  }
  const out = new Uint8Array(image.data);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    for (let c = 0; c < 3; c++) out[p * 3 + c] = Math.round(base.c[p * 3 + c]! / base.k[p]!);
  }
  return { data: out, width: image.width, height: image.height };
}
