import { featherMask, floodFill, growMask } from './morphology';
import { shapeCoverage } from './shapes';
import { isWholeReset, KEEP, type MaskOperation, type MaskSource, type MaskStroke, type PixelRect } from './types';

export type { PixelRect };

/**
 * Pure rasterisation of the mask model into one alpha byte per pixel (255 keep, 0 repaint).
 *
 * A stroke is rasterised as the union (per-pixel max) of round stamps along its polyline, then
 * composited once: paint is "source-over" of repaint, erase is "destination-out". Taking the max
 * inside a stroke first means overlapping stamps of one stroke never build up, so a soft stroke
 * has the same edge everywhere, the way a painter expects.
 */

/** Allocates a fully kept (alpha 255) mask. */
export function createAlpha(width: number, height: number): Uint8Array {
  assertSize(width, height);
  return new Uint8Array(width * height).fill(KEEP);
}

/** Replays `source` from scratch and returns a new alpha buffer of length width × height. */
export function rasterizeMask(source: MaskSource): Uint8Array {
  const { width, height, operations } = source;
  assertSize(width, height);
  // Nothing before the last `clear` / `replace` can show, so start there (and replay it).
  let start = 0;
  for (let i = operations.length - 1; i >= 0; i--) {
    if (isWholeReset(operations[i])) {
      start = operations[i]!.kind === 'clear' ? i + 1 : i;
      break;
    }
  }
  let alpha: Uint8Array;
  if (start > 0 || !source.floor) {
    alpha = createAlpha(width, height);
  } else {
    if (source.floor.length !== width * height) {
      throw new RangeError(`floor has ${source.floor.length} bytes, expected ${width * height}`);
    }
    alpha = source.floor.slice();
  }
  for (let i = start; i < operations.length; i++) {
    applyOperation(alpha, width, height, operations[i]!);
  }
  return alpha;
}

/** Applies one operation to `alpha` in place. */
export function applyOperation(alpha: Uint8Array, width: number, height: number, op: MaskOperation): void {
  if (alpha.length !== width * height) {
    throw new RangeError(`alpha has ${alpha.length} bytes, expected ${width * height}`);
  }
  switch (op.kind) {
    case 'clear':
      alpha.fill(KEEP);
      return;
    case 'invert':
      for (let i = 0; i < alpha.length; i++) alpha[i] = 255 - alpha[i]!;
      return;
    case 'paint':
    case 'erase':
      applyStroke(alpha, width, height, op);
      return;
    case 'shape': {
      const cov = shapeCoverage(op, width, height);
      if (cov) compositeCoverage(alpha, width, cov.rect, cov.coverage, op.mode === 'add');
      return;
    }
    case 'fill':
      floodFill(alpha, width, height, op);
      return;
    case 'grow':
      growMask(alpha, width, height, op.radius);
      return;
    case 'feather':
      featherMask(alpha, width, height, op.radius);
      return;
    case 'replace':
      if (op.alpha.length !== alpha.length) {
        throw new RangeError(`replacement has ${op.alpha.length} bytes, expected ${alpha.length}`);
      }
      alpha.set(op.alpha);
      return;
  }
}

/** Distance between stamps: at most a quarter of the diameter, a tenth when the brush is big enough. */
export function stampSpacing(size: number): number {
  return Math.min(size / 4, Math.max(0.5, size / 10));
}

/** The pixels a stroke can touch, clipped to the image. */
export function strokeBounds(stroke: MaskStroke, width: number, height: number): PixelRect | null {
  const reach = stroke.size / 2 + 1;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < stroke.points.length; i += 2) {
    const x = stroke.points[i]!;
    const y = stroke.points[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const x0 = Math.max(0, Math.floor(minX - reach));
  const y0 = Math.max(0, Math.floor(minY - reach));
  const x1 = Math.min(width, Math.ceil(maxX + reach));
  const y1 = Math.min(height, Math.ceil(maxY + reach));
  return x0 < x1 && y0 < y1 ? { x0, y0, x1, y1 } : null;
}

/**
 * Coverage (0..255) of a stroke over `rect`, row-major with the rect's width.
 * Exported for tests and for renderers that want the stroke alone.
 */
export function strokeCoverage(stroke: MaskStroke, rect: PixelRect): Uint8Array {
  const bw = rect.x1 - rect.x0;
  const coverage = new Uint8Array(bw * (rect.y1 - rect.y0));
  const stamper = new StrokeStamper(coverage, { x0: rect.x0, y0: rect.y0, stride: bw }, rect, stroke);
  const { points, pressures } = stroke;
  for (let i = 0; i + 1 < points.length; i += 2) stamper.add(points[i]!, points[i + 1]!, pressures?.[i / 2]);
  return coverage;
}

/** Where a coverage buffer lies in the image: its first byte is image pixel (x0, y0), rows `stride` apart. */
export interface CoverageLayout {
  readonly x0: number;
  readonly y0: number;
  readonly stride: number;
}

/**
 * Stamps the round dabs of one stroke into a coverage buffer (per-pixel max), point by point. Fed all
 * points at once it is `strokeCoverage`; fed while the stroke is drawn (the editor does, a few dabs a
 * frame) it leaves the same bytes, so the commit on pointer-up only composites.
 */
export class StrokeStamper {
  /** The pixels written so far (image coordinates), or null before the first dab. */
  dirty: PixelRect | null = null;
  #prev: { x: number; y: number; size: number } | null = null;
  readonly #soft: boolean;

  constructor(
    readonly coverage: Uint8Array,
    readonly layout: CoverageLayout,
    /** Dabs are clipped to this rectangle (image coordinates), which must lie inside the buffer. */
    readonly clip: PixelRect,
    readonly brush: { readonly size: number; readonly hardness: number },
  ) {
    this.#soft = brush.hardness < 1;
  }

  /** The next point of the polyline; `pressure` (0..1, a pen's) scales the brush at that point. */
  add(x: number, y: number, pressure?: number): void {
    const size = this.brush.size * (pressure ?? 1);
    const prev = this.#prev;
    this.#prev = { x, y, size };
    if (!prev) {
      this.#stamp(x, y, size);
      return;
    }
    const length = Math.hypot(x - prev.x, y - prev.y);
    // A zero-size end (pressure 0) would mean zero spacing and endless dabs: at most ten per pixel.
    const steps = Math.ceil(length / Math.max(0.1, stampSpacing(Math.min(size, prev.size))));
    for (let k = 1; k <= steps; k++) {
      const t = k / steps;
      this.#stamp(prev.x + (x - prev.x) * t, prev.y + (y - prev.y) * t, prev.size + (size - prev.size) * t);
    }
  }

  /** One round dab of diameter `size`. */
  #stamp(cx: number, cy: number, size: number): void {
    const { coverage, clip } = this;
    const { x0: originX, y0: originY, stride } = this.layout;
    const radius = size / 2;
    // Coverage falls linearly from 1 at `reach - feather` to 0 at `reach`; a hard brush keeps a
    // 1 px ramp so its edge is anti-aliased.
    const feather = Math.max(1, radius * (1 - this.brush.hardness));
    const reach = radius + 0.5;
    const solid = Math.max(0, reach - feather);
    const reach2 = reach * reach;
    const solid2 = solid * solid;
    const py0 = Math.max(clip.y0, Math.floor(cy - reach));
    const py1 = Math.min(clip.y1, Math.ceil(cy + reach));
    const spanX0 = Math.max(clip.x0, Math.floor(cx - 0.5 - reach));
    const spanX1 = Math.min(clip.x1, Math.ceil(cx - 0.5 + reach) + 1);
    if (py0 >= py1 || spanX0 >= spanX1) return;
    const dirty = this.dirty;
    if (!dirty) this.dirty = { x0: spanX0, y0: py0, x1: spanX1, y1: py1 };
    else {
      if (spanX0 < dirty.x0) dirty.x0 = spanX0;
      if (py0 < dirty.y0) dirty.y0 = py0;
      if (spanX1 > dirty.x1) dirty.x1 = spanX1;
      if (py1 > dirty.y1) dirty.y1 = py1;
    }
    // Per row: the solid core is one span of 255s (filled at once), and only the anti-aliased or soft
    // ring around it is computed pixel by pixel. Measured on a 4096² mask: a 246 px hard brush stroke
    // across the image went from ~24 ms to ~4 ms.
    for (let py = py0; py < py1; py++) {
      const dy = py + 0.5 - cy;
      const dy2 = dy * dy;
      if (dy2 >= reach2) continue;
      const row = (py - originY) * stride - originX;
      // Pixels px with |px + 0.5 - cx| < half-width lie inside the circle of that radius.
      const outer = Math.sqrt(reach2 - dy2);
      const px0 = Math.max(clip.x0, Math.floor(cx - 0.5 - outer));
      const px1 = Math.min(clip.x1, Math.ceil(cx - 0.5 + outer) + 1);
      let core0 = px1;
      let core1 = px1;
      if (dy2 < solid2) {
        const inner = Math.sqrt(solid2 - dy2);
        core0 = Math.max(px0, Math.ceil(cx - 0.5 - inner));
        core1 = Math.max(core0, Math.min(px1, Math.floor(cx - 0.5 + inner) + 1));
        if (core1 > core0) coverage.fill(255, row + core0, row + core1);
        else core0 = core1 = px1;
      }
      for (let px = px0; px < px1; px++) {
        if (px === core0) {
          px = core1 - 1; // skip the core just filled
          continue;
        }
        const dx = px + 0.5 - cx;
        const d2 = dx * dx + dy2;
        if (d2 >= reach2) continue;
        let value = 255;
        if (d2 > solid2) {
          let c = (reach - Math.sqrt(d2)) / feather;
          if (c > 1) c = 1;
          if (this.#soft) c = c * c * (3 - 2 * c);
          value = Math.round(c * 255);
        }
        const index = row + px;
        if (value > coverage[index]!) coverage[index] = value;
      }
    }
  }
}

function applyStroke(alpha: Uint8Array, width: number, height: number, stroke: MaskStroke): void {
  if (stroke.points.length < 2 || !(stroke.size > 0)) return;
  const rect = strokeBounds(stroke, width, height);
  if (!rect) return;
  compositeCoverage(alpha, width, rect, strokeCoverage(stroke, rect), stroke.kind === 'paint');
}

/**
 * Composites a coverage map (0..255 over `rect`) once. With repaint amount m = 255 − a:
 * add/paint is m' = m + c(1 − m) ⇒ a' = a(1 − c); subtract/erase is m' = m(1 − c) ⇒ a' = 255 − (255 − a)(1 − c).
 */
export function compositeCoverage(
  alpha: Uint8Array,
  width: number,
  rect: PixelRect,
  coverage: Uint8Array,
  add: boolean,
  layout: CoverageLayout = { x0: rect.x0, y0: rect.y0, stride: rect.x1 - rect.x0 },
): void {
  const bw = rect.x1 - rect.x0;
  // Full coverage sets the pixel outright (0 for add, 255 for subtract): most of a stroke is full.
  const full = add ? 0 : 255;
  for (let y = rect.y0; y < rect.y1; y++) {
    const from = (y - layout.y0) * layout.stride + rect.x0 - layout.x0;
    const row = y * width + rect.x0;
    for (let i = 0; i < bw; i++) {
      const c = coverage[from + i]!;
      if (c === 0) continue;
      const index = row + i;
      if (c === 255) {
        alpha[index] = full;
        continue;
      }
      const a = alpha[index]!;
      alpha[index] = add ? Math.round((a * (255 - c)) / 255) : 255 - Math.round(((255 - a) * (255 - c)) / 255);
    }
  }
}

/** The pixels an operation can change (the whole image for whole-mask commands). */
export function operationBounds(op: MaskOperation, width: number, height: number): PixelRect | null {
  if (op.kind === 'paint' || op.kind === 'erase') return strokeBounds(op, width, height);
  if (op.kind === 'shape') {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
    for (let i = 0; i + 1 < op.points.length; i += 2) {
      minX = Math.min(minX, op.points[i]!);
      maxX = Math.max(maxX, op.points[i]!);
      minY = Math.min(minY, op.points[i + 1]!);
      maxY = Math.max(maxY, op.points[i + 1]!);
    }
    const rect = {
      x0: Math.max(0, Math.floor(minX) - 1),
      y0: Math.max(0, Math.floor(minY) - 1),
      x1: Math.min(width, Math.ceil(maxX) + 1),
      y1: Math.min(height, Math.ceil(maxY) + 1),
    };
    return rect.x0 < rect.x1 && rect.y0 < rect.y1 ? rect : null;
  }
  return { x0: 0, y0: 0, x1: width, y1: height };
}

function assertSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`mask size must be positive integers, got ${width}×${height}`);
  }
}
