import type { MaskStroke } from '@/lib/mask/types';
import type { Point } from './camera';

/** A stroke being drawn: its points grow until pointer-up. Image pixel coordinates. */
export interface DraftStroke {
  readonly kind: MaskStroke['kind'];
  readonly size: number;
  readonly hardness: number;
  readonly points: number[];
  /** Pen pressure per point, or null for mouse and touch (full size). */
  readonly pressures: number[] | null;
}

/** A point with the pen's pressure (0..1) when there is a pen. */
export type PressurePoint = Point & { readonly pressure?: number };

export type StrokeToolState =
  | { readonly status: 'idle' }
  | { readonly status: 'drawing'; readonly pointerId: number; readonly draft: DraftStroke };

const IDLE: StrokeToolState = Object.freeze({ status: 'idle' });

/**
 * Brush and eraser share one state machine: idle → drawing (one pointer) → idle, committing on
 * finish or dropping everything on cancel (Esc, pointercancel, lost capture). Other pointers are
 * ignored while drawing, so a resting palm or a second finger cannot hijack the stroke.
 */
export class StrokeTool {
  #state: StrokeToolState = IDLE;

  get state(): StrokeToolState {
    return this.#state;
  }

  get draft(): DraftStroke | null {
    return this.#state.status === 'drawing' ? this.#state.draft : null;
  }

  begin(
    pointerId: number,
    settings: Omit<DraftStroke, 'points' | 'pressures'>,
    point: PressurePoint,
  ): boolean {
    if (this.#state.status === 'drawing') return false;
    this.#state = {
      status: 'drawing',
      pointerId,
      draft: {
        ...settings,
        points: [point.x, point.y],
        pressures: point.pressure === undefined ? null : [point.pressure],
      },
    };
    return true;
  }

  /** Adds points (a frame's worth of coalesced moves); skips ones too close to matter. */
  extend(pointerId: number, points: readonly PressurePoint[]): boolean {
    const state = this.#state;
    if (state.status !== 'drawing' || state.pointerId !== pointerId) return false;
    const list = state.draft.points;
    // Closer than this adds nothing visible: the rasteriser stamps every size/10 anyway.
    const minDistance = Math.max(0.5, state.draft.size / 16);
    let added = false;
    for (const point of points) {
      const lastX = list[list.length - 2]!;
      const lastY = list[list.length - 1]!;
      if (Math.hypot(point.x - lastX, point.y - lastY) < minDistance) continue;
      list.push(point.x, point.y);
      state.draft.pressures?.push(point.pressure ?? 1);
      added = true;
    }
    return added;
  }

  /** Ends the stroke of `pointerId` and returns it, or null when that pointer was not drawing. */
  finish(pointerId: number): MaskStroke | null {
    const state = this.#state;
    if (state.status !== 'drawing' || state.pointerId !== pointerId) return null;
    this.#state = IDLE;
    const { kind, size, hardness, points, pressures } = state.draft;
    return pressures ? { kind, size, hardness, points, pressures } : { kind, size, hardness, points };
  }

  cancel(): boolean {
    if (this.#state.status === 'idle') return false;
    this.#state = IDLE;
    return true;
  }
}
