import { FRAME_HANDLES, moveOriginal, resizeFrame, type FrameHandle, type Rect } from '@/lib/expand/frame';
import type { ExpandFrame, Size } from '@/lib/expand/geometry';
import type { Camera, Point } from './camera';

/**
 * Half the side of a handle's hit square in screen pixels: 28 px squares, above the 24 px a finger needs. The drawn
 * handle is smaller (`FRAME_HANDLE_DRAWN_PX`); the rest is slack around it.
 */
export const FRAME_HANDLE_HIT_PX = 14;
export const FRAME_HANDLE_DRAWN_PX = 12;

/** Where each handle sits on the frame, as a share of its width and height. */
const HANDLE_AT: Record<FrameHandle, [number, number]> = {
  nw: [0, 0],
  n: [0.5, 0],
  ne: [1, 0],
  e: [1, 0.5],
  se: [1, 1],
  s: [0.5, 1],
  sw: [0, 1],
  w: [0, 0.5],
};

/** The CSS cursor that says which way a handle drags. */
export const FRAME_HANDLE_CURSOR: Record<FrameHandle, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
};

/** Each handle's centre in stage (screen) pixels for a frame rectangle in image pixels. */
export function frameHandlePoints(camera: Camera, rect: Rect): { handle: FrameHandle; x: number; y: number }[] {
  return FRAME_HANDLES.map((handle) => {
    const [fx, fy] = HANDLE_AT[handle];
    return {
      handle,
      x: camera.x + (rect.x + rect.width * fx) * camera.scale,
      y: camera.y + (rect.y + rect.height * fy) * camera.scale,
    };
  });
}

/** The handle under a stage point, corners first (they overlap the sides on a small frame), or null. */
export function frameHandleAt(camera: Camera, rect: Rect, point: Point): FrameHandle | null {
  const hits = frameHandlePoints(camera, rect).filter(
    (p) => Math.abs(p.x - point.x) <= FRAME_HANDLE_HIT_PX && Math.abs(p.y - point.y) <= FRAME_HANDLE_HIT_PX,
  );
  return (hits.find((p) => p.handle.length === 2) ?? hits[0])?.handle ?? null;
}

type Drag =
  | {
      kind: 'resize';
      handle: FrameHandle;
      pointerId: number;
      start: ExpandFrame;
      from: Point;
      scale: number;
      draft: ExpandFrame;
    }
  | { kind: 'move'; pointerId: number; start: ExpandFrame; from: Point; scale: number; draft: ExpandFrame };

/**
 * Dragging the expand frame, a small state machine: idle → resizing (a handle) or moving (the original) → idle, or
 * cancelled (Esc, lost pointer, a second finger) with nothing changed. Pointer positions are stage pixels; the
 * delta is turned into image pixels with the zoom the drag began at, so a camera that follows the drag never feeds
 * back into it. The frame is committed once, on pointer-up.
 */
export class FrameDrag {
  #drag: Drag | null = null;

  get active(): boolean {
    return this.#drag !== null;
  }

  get kind(): Drag['kind'] | null {
    return this.#drag?.kind ?? null;
  }

  /** The handle being dragged, or null (moving the original, or no drag). */
  get handle(): FrameHandle | null {
    return this.#drag?.kind === 'resize' ? this.#drag.handle : null;
  }

  /** The frame as the drag has it now, or null when not dragging. */
  get draft(): ExpandFrame | null {
    return this.#drag?.draft ?? null;
  }

  /** The frame the drag began from. */
  get start(): ExpandFrame | null {
    return this.#drag?.start ?? null;
  }

  owns(pointerId: number): boolean {
    return this.#drag?.pointerId === pointerId;
  }

  beginResize(pointerId: number, handle: FrameHandle, start: ExpandFrame, from: Point, scale: number): void {
    this.#drag = { kind: 'resize', handle, pointerId, start, from, scale, draft: start };
  }

  beginMove(pointerId: number, start: ExpandFrame, from: Point, scale: number): void {
    this.#drag = { kind: 'move', pointerId, start, from, scale, draft: start };
  }

  /** Follows the pointer; returns the new draft, or null when this pointer is not dragging. */
  move(pointerId: number, to: Point, original: Size, ratioLocked: boolean): ExpandFrame | null {
    const drag = this.#drag;
    if (!drag || drag.pointerId !== pointerId) return null;
    const delta = { x: (to.x - drag.from.x) / drag.scale, y: (to.y - drag.from.y) / drag.scale };
    drag.draft =
      drag.kind === 'resize'
        ? resizeFrame(drag.start, original, drag.handle, delta, { ratioLocked })
        : // The original follows the pointer: its offset in the canvas grows as it moves right or down.
          moveOriginal(drag.start, original, delta);
    return drag.draft;
  }

  /** Ends the drag; returns the frame to commit, or null when this pointer was not dragging. */
  finish(pointerId: number): ExpandFrame | null {
    const drag = this.#drag;
    if (!drag || drag.pointerId !== pointerId) return null;
    this.#drag = null;
    return drag.draft;
  }

  /** Drops the drag; returns whether there was one. */
  cancel(pointerId?: number): boolean {
    if (!this.#drag || (pointerId !== undefined && this.#drag.pointerId !== pointerId)) return false;
    this.#drag = null;
    return true;
  }
}
