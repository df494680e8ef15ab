/** Small grey images for analysis (alignment), made from RGBA by box-averaging, and the helpers that read them. */

export interface Grey {
  data: Float32Array;
  width: number;
  height: number;
}

/** Rec. 601 luma of RGBA, box-downscaled by an integer factor so the long side is at most `maxSide`. */
export function greyOf(rgba: Uint8Array, width: number, height: number, maxSide: number): Grey {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  const w = Math.max(1, Math.floor(width / factor));
  const h = Math.max(1, Math.floor(height / factor));
  const data = new Float32Array(w * h);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, i += 4)
          sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      }
      data[y * w + x] = sum / area;
    }
  }
  return { data, width: w, height: h };
}

/** A single-channel 0–255 plane (the keep mask) box-downscaled to exactly `w` × `h`, as 0–1. */
export function planeOf(plane: Uint8Array, width: number, height: number, w: number, h: number): Grey {
  const factor = Math.max(1, Math.floor(width / w));
  const data = new Float32Array(w * h);
  const area = factor * factor * 255;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = Math.min(height - 1, y * factor + dy) * width;
        for (let dx = 0; dx < factor; dx++) sum += plane[row + Math.min(width - 1, x * factor + dx)]!;
      }
      data[y * w + x] = sum / area;
    }
  }
  return { data, width: w, height: h };
}

/** Bilinear sample with edges clamped. */
export function sampleGrey(g: Grey, x: number, y: number): number {
  const cx = Math.min(g.width - 1, Math.max(0, x));
  const cy = Math.min(g.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(g.width - 1, x0 + 1);
  const y1 = Math.min(g.height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const top = g.data[y0 * g.width + x0]! * (1 - fx) + g.data[y0 * g.width + x1]! * fx;
  const bottom = g.data[y1 * g.width + x0]! * (1 - fx) + g.data[y1 * g.width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Separable box blur of radius `r` (edges clamped): the low-pass for high-pass residuals and mask tapers. */
export function boxBlur(g: Grey, r: number): Grey {
  const { width: w, height: h } = g;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const size = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += g.data[y * w + Math.min(w - 1, Math.max(0, x + k))]!;
      tmp[y * w + x] = sum / size;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x]!;
      out[y * w + x] = sum / size;
    }
  }
  return { data: out, width: w, height: h };
}
