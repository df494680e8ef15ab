import type { PointerInput, PointerSample } from '../editor-types';
import type { ShapeDraft } from './shape-draft';
import type { EditorTool, ToolContext, ToolKey } from './tool';

const IDLE = { status: 'idle' } as const;
type Idle = typeof IDLE;

/**
 * What the tools that draw an outline into the mask share (rectangle/ellipse, lasso, polygon lasso): one gesture at
 * a time, held in `state` until it is committed as one history entry or dropped. Esc, leaving the tool and a lost
 * pointer drop it without touching the mask. Each tool says how a gesture starts, grows and ends.
 */
export abstract class OutlineTool<
  Gesture extends { readonly status: string; pointerId?: number },
> implements EditorTool {
  protected state: Gesture | Idle = IDLE;

  constructor(protected readonly ctx: ToolContext) {}

  get interaction() {
    return this.state.status === 'idle' ? ('idle' as const) : ('shaping' as const);
  }

  abstract get shapeDraft(): ShapeDraft | null;
  abstract onPointerDown(input: PointerInput): boolean;
  abstract onPointerMove(pointerId: number, points: readonly PointerSample[], modifiers: { shiftKey: boolean }): void;
  abstract onPointerUp(pointerId: number): void;

  /** The gesture in progress, if it is held by `pointerId` (a tool that never holds the pointer has none). */
  protected gestureOf(pointerId: number): Gesture | null {
    const s = this.state;
    if (s.status === 'idle') return null;
    const gesture = s as Gesture;
    return gesture.pointerId === pointerId ? gesture : null;
  }

  protected end(): void {
    this.state = IDLE;
  }

  onPointerCancel(pointerId: number): boolean {
    if (!this.gestureOf(pointerId)) return false;
    this.end();
    return true;
  }

  cancel(): boolean {
    if (this.state.status === 'idle') return false;
    this.end();
    return true;
  }

  onExit(): void {
    this.cancel();
  }

  /** No keys of its own unless the tool says so (the shape and polygon tools do). */
  onKey(key: ToolKey): boolean {
    void key;
    return false;
  }

  cursor(): string {
    return this.ctx.document ? 'crosshair' : '';
  }
}
