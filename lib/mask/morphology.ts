import type { MaskFill } from './types';

/**
 * Whole-mask pixel operations. All work on the alpha convention (255 keep, 0 repaint) and in place;
 * each is O(pixels) (with a log factor for none), so a 4096 × 4096 mask takes well under a second.
 */

const INF = 1e20;

/**
 * Grows (radius > 0) or shrinks (radius < 0) the repaint area by |radius| px using an exact
 * Euclidean distance transform (Felzenszwalb & Huttenlocher), so the result is round, not square.
 */
export function growMask(alpha: Uint8Array, width: number, height: number, radius: number): void {
  const r = Math.abs(radius);
  if (r === 0) return;
  const grow = radius > 0;
  // Features: repaint pixels when growing (distance *to* the area), keep pixels when shrinking.
  const dist = new Float32Array(width * height);
  let any = false;
  for (let i = 0; i < alpha.length; i++) {
    const feature = grow ? alpha[i]! < 128 : alpha[i]! >= 128;
    dist[i] = feature ? 0 : INF;
    any ||= feature;
  }
  if (!any) return;
  distanceTransform(dist, width, height);
  for (let i = 0; i < alpha.length; i++) {
    const d = Math.sqrt(dist[i]!);
    if (grow) {
      // Repaint amount 1 up to r px away, fading to 0 over the next pixel (anti-aliased edge).
      const m = Math.min(1, Math.max(0, r + 1 - d));
      const a = Math.round(255 * (1 - m));
      if (a < alpha[i]!) alpha[i] = a;
    } else {
      const keep = Math.min(1, Math.max(0, r + 1 - d));
      const a = Math.round(255 * keep);
      if (a > alpha[i]!) alpha[i] = a;
    }
  }
}

/** Squared EDT in place: 0 at features, INF elsewhere on input. */
function distanceTransform(grid: Float32Array, width: number, height: number): void {
  const size = Math.max(width, height);
  const f = new Float64Array(size);
  const d = new Float64Array(size);
  const v = new Int32Array(size);
  const z = new Float64Array(size + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x]!;
    edt1d(f, d, v, z, height);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = grid[row + x]!;
    edt1d(f, d, v, z, width);
    for (let x = 0; x < width; x++) grid[row + x] = d[x]!;
  }
}

function edt1d(f: Float64Array, d: Float64Array, v: Int32Array, z: Float64Array, n: number): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s: number;
    for (;;) {
      const p = v[k]!;
      s = (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
      if (s > z[k]! || k === 0) break;
      k--;
    }
    if (s <= z[k]! && k === 0) {
      v[0] = q;
      z[0] = -INF;
      z[1] = INF;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Blurs the mask edge: three box passes of radius ⌈radius/2⌉ each way (≈ Gaussian, σ ≈ radius/2). */
export function featherMask(alpha: Uint8Array, width: number, height: number, radius: number): void {
  if (radius <= 0) return;
  const box = Math.max(1, Math.ceil(radius / 2));
  const buffer = new Float32Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) buffer[i] = alpha[i]!;
  const line = new Float32Array(Math.max(width, height));
  for (let pass = 0; pass < 3; pass++) {
    for (let y = 0; y < height; y++) boxLine(buffer, y * width, 1, width, box, line);
    for (let x = 0; x < width; x++) boxLine(buffer, x, width, height, box, line);
  }
  for (let i = 0; i < alpha.length; i++) alpha[i] = Math.round(buffer[i]!);
}

/** Running-mean of one row or column, edges clamped. */
function boxLine(data: Float32Array, start: number, stride: number, n: number, r: number, line: Float32Array): void {
  for (let i = 0; i < n; i++) line[i] = data[start + i * stride]!;
  const at = (i: number) => line[i < 0 ? 0 : i >= n ? n - 1 : i]!;
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += at(i);
  const span = 2 * r + 1;
  for (let i = 0; i < n; i++) {
    data[start + i * stride] = sum / span;
    sum += at(i + r + 1) - at(i - r);
  }
}

/** Bucket fill: 4-connected pixels within `tolerance` of the seed's alpha become repaint (add) or keep. */
export function floodFill(
  alpha: Uint8Array,
  width: number,
  height: number,
  fill: Pick<MaskFill, 'mode' | 'x' | 'y' | 'tolerance'>,
): number {
  const { x, y, tolerance } = fill;
  if (x < 0 || y < 0 || x >= width || y >= height) return 0;
  const seed = alpha[y * width + x]!;
  const target = fill.mode === 'add' ? 0 : 255;
  const lo = seed - tolerance;
  const hi = seed + tolerance;
  const visited = new Uint8Array(width * height);
  const stack: number[] = [y * width + x];
  let count = 0;
  while (stack.length > 0) {
    const index = stack.pop()!;
    if (visited[index]) continue;
    const py = Math.floor(index / width);
    // Scanline: walk left and right along the row, then queue the rows above and below.
    let left = index;
    const rowStart = py * width;
    while (left > rowStart && !visited[left - 1] && inRange(alpha[left - 1]!, lo, hi)) left--;
    let right = index;
    const rowEnd = rowStart + width - 1;
    while (right < rowEnd && !visited[right + 1] && inRange(alpha[right + 1]!, lo, hi)) right++;
    for (let i = left; i <= right; i++) {
      visited[i] = 1;
      alpha[i] = target;
      count++;
      if (py > 0 && !visited[i - width] && inRange(alpha[i - width]!, lo, hi)) stack.push(i - width);
      if (py < height - 1 && !visited[i + width] && inRange(alpha[i + width]!, lo, hi)) stack.push(i + width);
    }
  }
  return count;
}

function inRange(value: number, lo: number, hi: number): boolean {
  return value >= lo && value <= hi;
}
