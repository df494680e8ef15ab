/**
 * A small radix-2 FFT: enough for phase correlation on a few downscaled grey images per result (`align.ts`).
 * In place, iterative (bit-reversal then butterflies), on separate real and imaginary arrays. Sizes must be powers
 * of two; `nextPowerOfTwo` pads the caller's image.
 */

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

const tables = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos/sin of 2πk/n for k < n/2, made once per size. */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let table = tables.get(n);
  if (!table) {
    const cos = new Float64Array(Math.max(1, n / 2));
    const sin = new Float64Array(Math.max(1, n / 2));
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    table = { cos, sin };
    tables.set(n, table);
  }
  return table;
}

/** One-dimensional transform of `re`/`im` (length a power of two); `inverse` also divides by n. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (!isPowerOfTwo(n) || im.length !== n) throw new Error(`fft: length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  // Twiddles from a table per size: the recurrence or a cos/sin per butterfly cost twice the time.
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let length = 2; length <= n; length *= 2) {
    const half = length / 2;
    const stride = n / length;
    for (let start = 0; start < n; start += length) {
      for (let k = 0; k < half; k++) {
        const wRe = cos[k * stride]!;
        const wIm = sign * sin[k * stride]!;
        const a = start + k;
        const b = a + half;
        const xRe = re[b]! * wRe - im[b]! * wIm;
        const xIm = re[b]! * wIm + im[b]! * wRe;
        re[b] = re[a]! - xRe;
        im[b] = im[a]! - xIm;
        re[a] = re[a]! + xRe;
        im[a] = im[a]! + xIm;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}

/** Two-dimensional transform of a `width` × `height` row-major grid (both powers of two): rows, then columns. */
export function fft2d(re: Float64Array, im: Float64Array, width: number, height: number, inverse = false): void {
  if (re.length !== width * height || im.length !== width * height) throw new Error('fft2d: size mismatch');
  const rowRe = new Float64Array(width);
  const rowIm = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const offset = y * width;
    rowRe.set(re.subarray(offset, offset + width));
    rowIm.set(im.subarray(offset, offset + width));
    fft(rowRe, rowIm, inverse);
    re.set(rowRe, offset);
    im.set(rowIm, offset);
  }
  const colRe = new Float64Array(height);
  const colIm = new Float64Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      colRe[y] = re[y * width + x]!;
      colIm[y] = im[y * width + x]!;
    }
    fft(colRe, colIm, inverse);
    for (let y = 0; y < height; y++) {
      re[y * width + x] = colRe[y]!;
      im[y * width + x] = colIm[y]!;
    }
  }
}
