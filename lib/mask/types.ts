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
}

/** Whole-mask commands; each is one history entry, like a stroke. */
export interface MaskInvert {
  readonly kind: 'invert';
}
export interface MaskClear {
  readonly kind: 'clear';
}

/** One entry of the mask history. */
export type MaskOperation = MaskStroke | MaskInvert | MaskClear;

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

/** Alpha meaning "keep this pixel" in the exported mask. */
export const KEEP = 255;
/** Alpha meaning "repaint this pixel" in the exported mask. */
export const REPAINT = 0;

export function isStroke(op: MaskOperation): op is MaskStroke {
  return op.kind === 'paint' || op.kind === 'erase';
}

/**
 * Returns a frozen, self-owned copy of `op` (so callers cannot change history afterwards), or null
 * when the operation cannot change the mask (no points, non-finite numbers, size ≤ 0).
 */
export function normalizeOperation(op: MaskOperation): MaskOperation | null {
  if (!isStroke(op)) {
    if (op.kind === 'invert' || op.kind === 'clear') return Object.freeze({ kind: op.kind });
    return null;
  }
  if (!Number.isFinite(op.size) || op.size <= 0) return null;
  if (!Number.isFinite(op.hardness)) return null;
  const count = op.points.length - (op.points.length % 2);
  if (count < 2) return null;
  const points = op.points.slice(0, count);
  if (!points.every(Number.isFinite)) return null;
  return Object.freeze({
    kind: op.kind,
    size: op.size,
    hardness: Math.min(1, Math.max(0, op.hardness)),
    points: Object.freeze(points),
  });
}
