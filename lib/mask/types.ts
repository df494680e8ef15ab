/**
 * The mask model. Everything is in IMAGE pixel coordinates of the base image as displayed
 * (after EXIF orientation), so the exported PNG lines up with the base by construction.
 */

/** A finished brush stroke. `paint` marks pixels for repainting, `erase` gives them back. */
export interface MaskStroke {
  readonly kind: 'paint' | 'erase';
  /** Brush diameter in image pixels. */
  readonly size: number;
  /** 1 = hard edge (1 px anti-aliased), 0 = the whole radius fades out. */
  readonly hardness: number;
  /** Flat list of centre points, `x0, y0, x1, y1, …`, in image pixels. */
  readonly points: readonly number[];
  /**
   * Optional pen pressure, one value in (0, 1] per point: the stamp diameter there is
   * `size × pressure`. Absent means full size everywhere (mouse, touch).
   */
  readonly pressures?: readonly number[];
}

/** `add` marks pixels for repainting, `subtract` gives them back (like paint and erase). */
export type MaskMode = 'add' | 'subtract';

/**
 * A filled region: `rect` and `ellipse` use two corners `x0, y0, x1, y1` (the ellipse is inscribed);
 * `polygon` (freehand and polygon lasso) is a closed outline `x0, y0, x1, y1, …` (even-odd rule).
 */
export interface MaskShape {
  readonly kind: 'shape';
  readonly shape: 'rect' | 'ellipse' | 'polygon';
  readonly mode: MaskMode;
  readonly points: readonly number[];
}

/** Bucket fill on the mask: the 4-connected pixels whose alpha is within `tolerance` of the seed's. */
export interface MaskFill {
  readonly kind: 'fill';
  readonly mode: MaskMode;
  readonly x: number;
  readonly y: number;
  readonly tolerance: number;
}

/** Grows (radius > 0) or shrinks (radius < 0) the repaint area by |radius| pixels. */
export interface MaskGrow {
  readonly kind: 'grow';
  readonly radius: number;
}

/** Softens the mask edge with a blur of `radius` pixels (three box passes ≈ Gaussian). */
export interface MaskFeather {
  readonly kind: 'feather';
  readonly radius: number;
}

/** Replaces the whole mask with a bitmap (an imported PNG, Select subject / background). */
export interface MaskReplace {
  readonly kind: 'replace';
  /** width × height alpha bytes (255 keep, 0 repaint); owned by the history, never written. */
  readonly alpha: Uint8Array;
  /** What it came from, for the status line ("Imported mask.png"). */
  readonly label: string;
}

/** Whole-mask commands; each is one history entry, like a stroke. */
export interface MaskInvert {
  readonly kind: 'invert';
}
export interface MaskClear {
  readonly kind: 'clear';
}

/** One entry of the mask history. */
export type MaskOperation =
  MaskStroke | MaskInvert | MaskClear | MaskShape | MaskFill | MaskGrow | MaskFeather | MaskReplace;

/** Operations that overwrite every pixel: replaying can start at the last one of these. */
export function isWholeReset(op: MaskOperation | undefined): boolean {
  return op?.kind === 'clear' || op?.kind === 'replace';
}

/**
 * What a rasteriser needs: the size, an optional starting bitmap (`floor`: operations that fell off
 * the capped history, already flattened) and the operations to replay on top of it.
 */
export interface MaskSource {
  readonly width: number;
  readonly height: number;
  readonly floor?: Uint8Array | null;
  readonly operations: readonly MaskOperation[];
}

/** Alpha meaning "keep this pixel" in the exported mask (0 means "repaint it"). */
export const KEEP = 255;

/** Integer pixel rectangle `[x0, x1) × [y0, y1)` clipped to the image, or null when empty. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Returns a frozen, self-owned copy of `op` (so callers cannot change history afterwards), or null
 * when the operation cannot change the mask (no points, non-finite numbers, size ≤ 0).
 */
export function normalizeOperation(op: MaskOperation): MaskOperation | null {
  switch (op.kind) {
    case 'invert':
    case 'clear':
      return Object.freeze({ kind: op.kind });
    case 'paint':
    case 'erase':
      return normalizeStroke(op);
    case 'shape': {
      const points = evenPoints(op.points);
      const need = op.shape === 'polygon' ? 6 : 4;
      if (!points || points.length < need || (op.mode !== 'add' && op.mode !== 'subtract')) return null;
      if (op.shape !== 'polygon') {
        const [x0, y0, x1, y1] = points as [number, number, number, number];
        if (Math.abs(x1 - x0) < 0.5 || Math.abs(y1 - y0) < 0.5) return null;
      }
      return Object.freeze({ kind: 'shape', shape: op.shape, mode: op.mode, points: Object.freeze(points) });
    }
    case 'fill':
      if (![op.x, op.y, op.tolerance].every(Number.isFinite)) return null;
      return Object.freeze({
        kind: 'fill',
        mode: op.mode === 'subtract' ? 'subtract' : 'add',
        x: Math.floor(op.x),
        y: Math.floor(op.y),
        tolerance: Math.min(255, Math.max(0, Math.round(op.tolerance))),
      });
    case 'grow':
    case 'feather': {
      const radius = Math.round(op.radius);
      if (!Number.isFinite(radius) || radius === 0 || (op.kind === 'feather' && radius < 0)) return null;
      return Object.freeze({ kind: op.kind, radius: Math.min(512, Math.max(-512, radius)) });
    }
    case 'replace':
      if (!(op.alpha instanceof Uint8Array)) return null;
      return Object.freeze({ kind: 'replace', alpha: op.alpha, label: String(op.label ?? '') });
    default:
      return null;
  }
}

function evenPoints(points: readonly number[]): number[] | null {
  const count = points.length - (points.length % 2);
  const list = points.slice(0, count);
  return list.every(Number.isFinite) ? list : null;
}

/** A pen pressure as strokes keep it: 0.05..1 (a feather-light touch still paints), 1 when unknown. */
export function normalizePressure(pressure: number): number {
  return Number.isFinite(pressure) ? Math.min(1, Math.max(0.05, pressure)) : 1;
}

function normalizeStroke(op: MaskStroke): MaskStroke | null {
  if (!Number.isFinite(op.size) || op.size <= 0) return null;
  if (!Number.isFinite(op.hardness)) return null;
  const points = evenPoints(op.points);
  if (!points || points.length < 2) return null;
  const stroke: MaskStroke = {
    kind: op.kind,
    size: op.size,
    hardness: Math.min(1, Math.max(0, op.hardness)),
    points: Object.freeze(points),
  };
  if (op.pressures && op.pressures.length >= points.length / 2) {
    const pressures = op.pressures.slice(0, points.length / 2).map(normalizePressure);
    return Object.freeze({ ...stroke, pressures: Object.freeze(pressures) });
  }
  return Object.freeze(stroke);
}
