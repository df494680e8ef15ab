import type { MaskMode, MaskShape } from '@/lib/mask/types';

/** What the view draws while a shape is being made (image pixels). */
export interface ShapeDraft {
  readonly shape: MaskShape['shape'];
  readonly mode: MaskMode;
  readonly points: readonly number[];
  /** Polygon lasso: the closing hint from the last vertex to the pointer. */
  readonly open: boolean;
}

/** Rectangle corners from a drag; `square` makes both sides the longer one's length. */
export function corners(points: readonly number[], square: boolean): number[] {
  const [x0, y0] = [points[0]!, points[1]!];
  let [x1, y1] = [points[2] ?? x0, points[3] ?? y0];
  if (square) {
    const side = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
    x1 = x0 + Math.sign(x1 - x0 || 1) * side;
    y1 = y0 + Math.sign(y1 - y0 || 1) * side;
  }
  return [x0, y0, x1, y1];
}
