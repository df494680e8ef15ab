/**
 * Where two images differ, fairly: both are brought to one size with the same filter (exact area
 * averaging), smoothed with the same small kernel, and a pixel counts as changed only when a channel moved by more
 * than resampling and JPEG noise do. Comparing a 600 × 400 base stretched by the browser against a 1536 × 1024
 * result sampled down by it (two different filters) painted speckles over every fine texture; this does not.
 * Pure: RGBA in, a changed map out; the view decodes and draws.
 */

/** RGBA pixels, row-major, 4 bytes a pixel (ImageData's layout). */
export interface Pixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Difference {
  /** The size both were compared at. */
  width: number;
  height: number;
  /** 1 where changed, 0 elsewhere, one byte a pixel. */
  changed: Uint8Array;
  /** Share of pixels changed, 0–1. */
  share: number;
  /** `after` at the compared size (RGB, 3 floats a pixel), for drawing the view. */
  after: Float32Array;
}

/**
 * A channel must move by more than this (of 255), after smoothing, to count as changed. Upscaling with a Lanczos
 * or bicubic filter then sampling back down leaves under ~12 on sharp texture, JPEG at quality 80 a few more; a
 * visible edit moves far more. The same figure the restoration's drift measure documents (~24/255).
 */
export const CHANGE_THRESHOLD = 24;
/** The comparison runs at most this many pixels on the long side: enough to see, quick on 4k results. */
export const MAX_COMPARE_SIDE = 1024;

/** The size both are compared at: the smaller of the two frames (never invent detail), in `after`'s shape. */
export function compareSize(
  before: { width: number; height: number },
  after: { width: number; height: number },
  maxSide = MAX_COMPARE_SIDE,
) {
  const scale = Math.min(
    1,
    before.width / after.width,
    before.height / after.height,
    maxSide / Math.max(after.width, after.height),
  );
  return { width: Math.max(1, Math.round(after.width * scale)), height: Math.max(1, Math.round(after.height * scale)) };
}

/** For each output index along one axis: the source indices it covers and their share of its area. */
function axisWeights(source: number, target: number): { index: Int32Array; weight: Float32Array; start: Int32Array } {
  const scale = source / target;
  const start = new Int32Array(target + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let d = 0; d < target; d++) {
    start[d] = index.length;
    const from = d * scale;
    const to = (d + 1) * scale;
    for (let i = Math.floor(from); i < Math.min(source, Math.ceil(to)); i++) {
      index.push(i);
      weight.push((Math.min(to, i + 1) - Math.max(from, i)) / scale);
    }
  }
  start[target] = index.length;
  return { index: Int32Array.from(index), weight: Float32Array.from(weight), start };
}

/** Exact area averaging (a box filter over each output pixel's footprint) to `width × height`, RGB out. */
export function resampleArea(source: Pixels, width: number, height: number): Float32Array {
  const xs = axisWeights(source.width, width);
  const ys = axisWeights(source.height, height);
  const rows = new Float32Array(source.height * width * 3);
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = xs.start[x]!; k < xs.start[x + 1]!; k++) {
        const at = (y * source.width + xs.index[k]!) * 4;
        const w = xs.weight[k]!;
        r += source.data[at]! * w;
        g += source.data[at + 1]! * w;
        b += source.data[at + 2]! * w;
      }
      const out = (y * width + x) * 3;
      rows[out] = r;
      rows[out + 1] = g;
      rows[out + 2] = b;
    }
  }
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let k = ys.start[y]!; k < ys.start[y + 1]!; k++) {
      const w = ys.weight[k]!;
      const from = ys.index[k]! * width * 3;
      const to = y * width * 3;
      for (let i = 0; i < width * 3; i++) out[to + i]! += rows[from + i]! * w;
    }
  }
  return out;
}

/** A [1 2 1] / 4 blur in both directions (edges clamped): the same on both sides, it evens out sub-pixel shifts. */
function smooth(rgb: Float32Array, width: number, height: number): Float32Array {
  const pass = (input: Float32Array, dx: number, dy: number) => {
    const output = new Float32Array(input.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const a = (Math.max(0, y - dy) * width + Math.max(0, x - dx)) * 3;
        const c = (y * width + x) * 3;
        const b = (Math.min(height - 1, y + dy) * width + Math.min(width - 1, x + dx)) * 3;
        for (let ch = 0; ch < 3; ch++) output[c + ch] = (input[a + ch]! + 2 * input[c + ch]! + input[b + ch]!) / 4;
      }
    }
    return output;
  };
  return pass(pass(rgb, 1, 0), 0, 1);
}

/** Compares `after` with `before` at one scale (see the module comment). `before` is stretched to `after`'s shape. */
export function compareImages(
  before: Pixels,
  after: Pixels,
  options: { maxSide?: number; threshold?: number } = {},
): Difference {
  const { width, height } = compareSize(before, after, options.maxSide);
  const threshold = options.threshold ?? CHANGE_THRESHOLD;
  const a = smooth(resampleArea(before, width, height), width, height);
  const bRaw = resampleArea(after, width, height);
  const b = smooth(bRaw, width, height);
  const changed = new Uint8Array(width * height);
  let count = 0;
  for (let p = 0; p < changed.length; p++) {
    const i = p * 3;
    const delta = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
    if (delta > threshold) {
      changed[p] = 1;
      count++;
    }
  }
  return { width, height, changed, share: count / changed.length, after: bRaw };
}

/** The view's picture: unchanged pixels as dim grey, changed ones bright magenta. RGBA, `width × height`. */
export function differencePicture(difference: Difference): Uint8ClampedArray<ArrayBuffer> {
  const { changed, after } = difference;
  const out = new Uint8ClampedArray(changed.length * 4);
  for (let p = 0; p < changed.length; p++) {
    const o = p * 4;
    if (changed[p]) {
      out[o] = 255;
      out[o + 1] = 0;
      out[o + 2] = 200;
    } else {
      const grey = (after[p * 3]! * 0.3 + after[p * 3 + 1]! * 0.59 + after[p * 3 + 2]! * 0.11) * 0.35;
      out[o] = out[o + 1] = out[o + 2] = grey;
    }
    out[o + 3] = 255;
  }
  return out;
}
