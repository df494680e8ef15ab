import type { MaskShape, PixelRect } from './types';

/** Vertical samples per pixel row; horizontal edges get exact area coverage, so 4 is enough. */
const SUBSAMPLES = 4;

/** The outline of a shape as a closed polygon `x0, y0, x1, y1, …` in image pixels. */
export function shapeOutline(shape: Pick<MaskShape, 'shape' | 'points'>): number[] {
  const p = shape.points;
  if (shape.shape === 'polygon') return [...p];
  const [x0, y0, x1, y1] = [p[0]!, p[1]!, p[2]!, p[3]!];
  if (shape.shape === 'rect') return [x0, y0, x1, y0, x1, y1, x0, y1];
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const rx = Math.abs(x1 - x0) / 2;
  const ry = Math.abs(y1 - y0) / 2;
  // About one vertex per 2 px of perimeter keeps the chord error far below a pixel.
  const n = Math.min(2048, Math.max(24, Math.ceil((Math.PI * (rx + ry)) / 2)));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i / n) * Math.PI * 2;
    out.push(cx + rx * Math.cos(t), cy + ry * Math.sin(t));
  }
  return out;
}

/**
 * Anti-aliased coverage (0..255) of a shape, even-odd rule, clipped to the image: scanlines at
 * `SUBSAMPLES` heights per row, each span adding its exact horizontal overlap to the pixels it touches.
 */
export function shapeCoverage(
  shape: Pick<MaskShape, 'shape' | 'points'>,
  width: number,
  height: number,
): { rect: PixelRect; coverage: Uint8Array } | null {
  const poly = shapeOutline(shape);
  const n = poly.length / 2;
  if (n < 3) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, poly[i * 2]!);
    maxX = Math.max(maxX, poly[i * 2]!);
    minY = Math.min(minY, poly[i * 2 + 1]!);
    maxY = Math.max(maxY, poly[i * 2 + 1]!);
  }
  const rect = {
    x0: Math.max(0, Math.floor(minX)),
    y0: Math.max(0, Math.floor(minY)),
    x1: Math.min(width, Math.ceil(maxX)),
    y1: Math.min(height, Math.ceil(maxY)),
  };
  if (rect.x0 >= rect.x1 || rect.y0 >= rect.y1) return null;
  const bw = rect.x1 - rect.x0;
  const coverage = new Uint8Array(bw * (rect.y1 - rect.y0));
  const acc = new Float32Array(bw + 1);
  const xs: number[] = [];
  for (let y = rect.y0; y < rect.y1; y++) {
    acc.fill(0);
    for (let s = 0; s < SUBSAMPLES; s++) {
      const sy = y + (s + 0.5) / SUBSAMPLES;
      xs.length = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const ax = poly[j * 2]!, ay = poly[j * 2 + 1]!, bx = poly[i * 2]!, by = poly[i * 2 + 1]!; // prettier-ignore
        if (ay <= sy === by <= sy) continue; // half-open: a vertex on the line counts once
        xs.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        addSpan(acc, xs[k]! - rect.x0, xs[k + 1]! - rect.x0, bw);
      }
    }
    const row = (y - rect.y0) * bw;
    for (let i = 0; i < bw; i++) {
      coverage[row + i] = Math.min(255, Math.round((acc[i]! / SUBSAMPLES) * 255));
    }
  }
  return { rect, coverage };
}

/** Adds the overlap of [a, b) with each pixel [i, i + 1) to acc[i]. */
function addSpan(acc: Float32Array, a: number, b: number, width: number): void {
  a = Math.max(0, a);
  b = Math.min(width, b);
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    acc[ia] = acc[ia]! + (b - a);
    return;
  }
  acc[ia] = acc[ia]! + (ia + 1 - a);
  for (let i = ia + 1; i < ib; i++) acc[i] = acc[i]! + 1;
  if (ib < width) acc[ib] = acc[ib]! + (b - ib);
}
