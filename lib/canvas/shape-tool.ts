import type { MaskMode, MaskShape } from '@/lib/mask/types';
import type { Point } from './camera';

export type ShapeKind = 'rect' | 'ellipse' | 'lasso' | 'polygon';

/** What the view draws while a shape is being made (image pixels). */
export interface ShapeDraft {
  readonly shape: MaskShape['shape'];
  readonly mode: MaskMode;
  readonly points: readonly number[];
  /** Polygon lasso: the closing hint from the last vertex to the pointer. */
  readonly open: boolean;
}

type State =
  | { status: 'idle' }
  | { status: 'dragging'; kind: ShapeKind; mode: MaskMode; pointerId: number; points: number[]; square: boolean }
  | { status: 'polygon'; mode: MaskMode; points: number[]; hover: Point | null }
  | { status: 'keyboard'; kind: 'rect' | 'ellipse'; mode: MaskMode; rect: [number, number, number, number] };

/**
 * Rectangle, ellipse, freehand lasso and polygon lasso, one state machine:
 *   drag shapes: idle → dragging (one pointer) → idle, committing on pointer-up;
 *   polygon:     idle → polygon (each click adds a vertex) → idle on Enter, double-click or a click
 *                near the first vertex; Backspace removes the last vertex;
 *   keyboard:    idle → keyboard (arrows move, Alt+arrows resize) → idle on Enter.
 * Esc or a lost pointer cancels without touching the mask.
 */
export class ShapeTool {
  #state: State = { status: 'idle' };

  get active(): boolean {
    return this.#state.status !== 'idle';
  }
  get status(): State['status'] {
    return this.#state.status;
  }

  get draft(): ShapeDraft | null {
    const s = this.#state;
    switch (s.status) {
      case 'idle':
        return null;
      case 'dragging':
        return {
          shape: s.kind === 'lasso' ? 'polygon' : s.kind === 'polygon' ? 'polygon' : s.kind,
          mode: s.mode,
          points: s.kind === 'lasso' ? s.points : corners(s.points, s.square),
          open: false,
        };
      case 'polygon':
        return {
          shape: 'polygon',
          mode: s.mode,
          points: s.hover ? [...s.points, s.hover.x, s.hover.y] : s.points,
          open: true,
        };
      case 'keyboard':
        return { shape: s.kind, mode: s.mode, points: s.rect, open: false };
    }
  }

  /** Pointer down. Returns a finished shape when the click closed a polygon. */
  down(kind: ShapeKind, mode: MaskMode, pointerId: number, point: Point, closeDistance: number): MaskShape | null {
    const s = this.#state;
    if (kind === 'polygon') {
      if (s.status === 'polygon') {
        const [fx, fy] = [s.points[0]!, s.points[1]!];
        if (s.points.length >= 6 && Math.hypot(point.x - fx, point.y - fy) <= closeDistance)
          return this.finishPolygon();
        s.points.push(point.x, point.y);
        return null;
      }
      this.#state = { status: 'polygon', mode, points: [point.x, point.y], hover: null };
      return null;
    }
    if (s.status !== 'idle') return null;
    this.#state = { status: 'dragging', kind, mode, pointerId, points: [point.x, point.y], square: false };
    return null;
  }

  /** Pointer moves (image coordinates). `square` (Shift) constrains rectangles and ellipses. */
  move(pointerId: number, points: readonly Point[], square = false): boolean {
    const s = this.#state;
    const last = points[points.length - 1];
    if (!last) return false;
    if (s.status === 'polygon') {
      s.hover = last;
      return true;
    }
    if (s.status !== 'dragging' || s.pointerId !== pointerId) return false;
    s.square = square;
    if (s.kind === 'lasso') {
      for (const p of points) {
        const lx = s.points[s.points.length - 2]!;
        const ly = s.points[s.points.length - 1]!;
        if (Math.hypot(p.x - lx, p.y - ly) >= 1) s.points.push(p.x, p.y);
      }
    } else {
      s.points.length = 2;
      s.points.push(last.x, last.y);
    }
    return true;
  }

  /** Pointer up: ends a drag shape (a click without a drag makes nothing). */
  up(pointerId: number): MaskShape | null {
    const s = this.#state;
    if (s.status !== 'dragging' || s.pointerId !== pointerId) return null;
    const draft = this.draft!;
    this.#state = { status: 'idle' };
    if (s.kind !== 'lasso' && s.points.length < 4) return null;
    return { kind: 'shape', shape: draft.shape, mode: draft.mode, points: [...draft.points] };
  }

  /** Enter or double-click: closes the polygon lasso (needs 3 vertices). */
  finishPolygon(): MaskShape | null {
    const s = this.#state;
    if (s.status !== 'polygon') return null;
    this.#state = { status: 'idle' };
    if (s.points.length < 6) return null;
    return { kind: 'shape', shape: 'polygon', mode: s.mode, points: [...s.points] };
  }

  /** Backspace in the polygon lasso: drops the last vertex (and the polygon with the first). */
  removeLastVertex(): boolean {
    const s = this.#state;
    if (s.status !== 'polygon') return false;
    s.points.length -= 2;
    if (s.points.length === 0) this.#state = { status: 'idle' };
    return true;
  }

  /** Starts a keyboard-placed rectangle or ellipse centred at `center`. */
  startKeyboard(kind: 'rect' | 'ellipse', mode: MaskMode, center: Point, size: number): void {
    const h = size / 2;
    this.#state = { status: 'keyboard', kind, mode, rect: [center.x - h, center.y - h, center.x + h, center.y + h] };
  }

  /** Arrow keys: move (or, with `resize`, grow the far corner) by dx, dy image pixels. */
  nudge(dx: number, dy: number, resize: boolean, limits: { width: number; height: number }): boolean {
    const s = this.#state;
    if (s.status !== 'keyboard') return false;
    const [x0, y0, x1, y1] = s.rect;
    if (resize) {
      s.rect = [
        x0,
        y0,
        Math.max(x0 + 1, Math.min(limits.width, x1 + dx)),
        Math.max(y0 + 1, Math.min(limits.height, y1 + dy)),
      ];
    } else {
      const mx = Math.min(Math.max(dx, -x0), limits.width - x1);
      const my = Math.min(Math.max(dy, -y0), limits.height - y1);
      s.rect = [x0 + mx, y0 + my, x1 + mx, y1 + my];
    }
    return true;
  }

  /** Enter on a keyboard shape: returns it. */
  commitKeyboard(): MaskShape | null {
    const s = this.#state;
    if (s.status !== 'keyboard') return null;
    this.#state = { status: 'idle' };
    return { kind: 'shape', shape: s.kind, mode: s.mode, points: [...s.rect] };
  }

  cancel(pointerId?: number): boolean {
    const s = this.#state;
    if (s.status === 'idle') return false;
    if (pointerId !== undefined && (s.status !== 'dragging' || s.pointerId !== pointerId)) return false;
    this.#state = { status: 'idle' };
    return true;
  }
}

/** Rectangle corners from a drag; `square` makes both sides the longer one's length. */
function corners(points: readonly number[], square: boolean): number[] {
  const [x0, y0] = [points[0]!, points[1]!];
  let [x1, y1] = [points[2] ?? x0, points[3] ?? y0];
  if (square) {
    const side = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
    x1 = x0 + Math.sign(x1 - x0 || 1) * side;
    y1 = y0 + Math.sign(y1 - y0 || 1) * side;
  }
  return [x0, y0, x1, y1];
}
