import type { Point } from './camera';

/** The camera change one frame of a two-finger gesture asks for. */
export interface PinchStep {
  /** Zoom factor about `anchor`. */
  readonly factor: number;
  readonly anchor: Point;
  /** Pan after zooming, in stage pixels. */
  readonly dx: number;
  readonly dy: number;
}

/**
 * Two fingers pan and zoom (the midpoint moves the view, the spread zooms about it). Tracks every
 * touch pointer that is down; the gesture is on while at least two are.
 */
export class TouchGesture {
  readonly #touches = new Map<number, Point>();

  get count(): number {
    return this.#touches.size;
  }
  has(pointerId: number): boolean {
    return this.#touches.has(pointerId);
  }

  down(pointerId: number, point: Point): void {
    this.#touches.set(pointerId, point);
  }

  /** Moves one finger; returns the camera step when two fingers are down. */
  move(pointerId: number, point: Point): PinchStep | null {
    if (!this.#touches.has(pointerId)) return null;
    const pair = this.#pair();
    this.#touches.set(pointerId, point);
    if (!pair) return null;
    const next = this.#pair()!;
    const before = spread(pair);
    const after = spread(next);
    const from = mid(pair);
    const to = mid(next);
    return {
      factor: before > 4 && after > 4 ? after / before : 1,
      anchor: from,
      dx: to.x - from.x,
      dy: to.y - from.y,
    };
  }

  up(pointerId: number): void {
    this.#touches.delete(pointerId);
  }

  clear(): void {
    this.#touches.clear();
  }

  #pair(): [Point, Point] | null {
    const [a, b] = [...this.#touches.values()];
    return a && b ? [a, b] : null;
  }
}

const mid = ([a, b]: [Point, Point]): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const spread = ([a, b]: [Point, Point]) => Math.hypot(a.x - b.x, a.y - b.y);
