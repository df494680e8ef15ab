import { panCamera, type Point } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import type { EditorTool, ToolContext } from './tool';

/**
 * Pan: the middle button, or the primary button while Space is held, drags the view. Never a tool the user picks
 * and never recorded in history; the input router hands it those presses whatever tool is chosen.
 */
export class PanTool implements EditorTool {
  #drag: { pointerId: number; last: Point } | null = null;

  constructor(private readonly ctx: ToolContext) {}

  get interaction() {
    return this.#drag ? ('panning' as const) : ('idle' as const);
  }

  /** Whether this press pans rather than reaching the chosen tool. */
  wants(input: PointerInput): boolean {
    return input.button === 1 || (input.button === 0 && this.ctx.settings.panMode);
  }

  onPointerDown(input: PointerInput): boolean {
    this.#drag = { pointerId: input.pointerId, last: { x: input.x, y: input.y } };
    this.ctx.emit();
    return true;
  }

  onPointerMove(pointerId: number, points: readonly PointerSample[]): void {
    const drag = this.#drag;
    const last = points.at(-1);
    if (!drag || drag.pointerId !== pointerId || !last) return;
    this.ctx.setCamera(panCamera(this.ctx.camera, last.x - drag.last.x, last.y - drag.last.y));
    this.#drag = { pointerId, last };
    this.ctx.emit();
  }

  onPointerUp(pointerId: number): void {
    if (this.#drag?.pointerId !== pointerId) return;
    this.#drag = null;
    this.ctx.emit();
  }

  onPointerCancel(pointerId: number): boolean {
    if (this.#drag?.pointerId !== pointerId) return false;
    this.#drag = null;
    return true;
  }

  cancel(): boolean {
    const had = this.#drag !== null;
    this.#drag = null;
    return had;
  }

  onKey(): boolean {
    return false;
  }

  cursor(): string {
    return this.ctx.settings.panMode ? 'grab' : '';
  }
}
