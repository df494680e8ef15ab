import { frameRect, type FrameHandle, type Rect } from '@/lib/expand/frame';
import type { ExpandFrame, Size } from '@/lib/expand/geometry';
import type { Camera, Point } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { frameKey, type ExpandFrameController } from '../expand-frame-controller';
import { FRAME_HANDLE_CURSOR, FrameDrag } from '../frame-drag';
import type { CursorContext, EditorTool, ToolContext } from './tool';

/**
 * The expand frame's handles and the Move original tool (V). A press on one of the eight handles resizes the frame
 * whatever tool is chosen (the router asks `wants` first); with Move original, a press anywhere drags the original
 * inside the canvas, and the view follows it so the canvas stays put on screen. The frame is handed to its owner
 * once, on pointer-up; Esc or a lost pointer puts the frame and the view back.
 */
export class FrameTool implements EditorTool {
  readonly #drag = new FrameDrag();
  /** Where the camera was when a drag of the original began. */
  #dragCamera: Camera | null = null;

  constructor(
    private readonly ctx: ToolContext,
    private readonly frames: ExpandFrameController,
    private readonly base: () => Size | null,
  ) {}

  get interaction() {
    return this.#drag.active ? ('framing' as const) : ('idle' as const);
  }

  /** The frame as the drag has it now, or null when not dragging. */
  get draft(): ExpandFrame | null {
    return this.#drag.draft;
  }

  /** The handle being dragged, or null. */
  get handle(): FrameHandle | null {
    return this.#drag.handle;
  }

  /** The frame shown (the one being dragged, else the owner's), or null when not expanding. */
  get frame(): ExpandFrame | null {
    return this.#drag.draft ?? this.frames.current?.frame ?? null;
  }

  /** The frame shown as a rectangle in image px (the base at 0, 0), or null. */
  get rect(): Rect | null {
    const frame = this.frame;
    return frame ? frameRect(frame) : null;
  }

  /** The handle under a stage point, or null (no base, not expanding, or Space held to pan). */
  handleAt(point: Point): FrameHandle | null {
    if (!this.base() || this.ctx.settings.panMode) return null;
    return this.frames.handleAt(this.ctx.camera, this.rect, point);
  }

  /** A primary press on a handle goes to this tool, whatever tool is chosen. */
  wants(input: PointerInput): boolean {
    return input.button === 0 && this.handleAt(input) !== null;
  }

  onPointerDown(input: PointerInput): boolean {
    const frame = this.base() ? this.frames.current?.frame : null;
    if (input.button !== 0 || !frame) return false;
    const scale = this.ctx.camera.scale;
    const handle = this.handleAt(input);
    if (handle) this.#drag.beginResize(input.pointerId, handle, frame, input, scale);
    else if (this.ctx.settings.tool === 'move') {
      this.#drag.beginMove(input.pointerId, frame, input, scale);
      this.#dragCamera = this.ctx.camera;
    } else return false;
    this.ctx.emit();
    return true;
  }

  onPointerMove(pointerId: number, points: readonly PointerSample[]): void {
    const base = this.base();
    const current = this.frames.current;
    const start = this.#drag.start;
    const last = points.at(-1);
    if (!base || !current || !start || !last) return;
    const draft = this.#drag.move(pointerId, last, base, current.ratioLocked);
    if (!draft) return;
    const camera = this.#dragCamera;
    if (camera) {
      // Moving the original: the canvas stays put on screen and the original slides inside it, under the pointer.
      this.ctx.setCamera({
        ...camera,
        x: camera.x + (draft.offset.x - start.offset.x) * camera.scale,
        y: camera.y + (draft.offset.y - start.offset.y) * camera.scale,
      });
    }
  }

  onPointerUp(pointerId: number): void {
    const start = this.#drag.start;
    const frame = this.#drag.finish(pointerId);
    if (!frame || !start) return;
    const startCamera = this.#dragCamera;
    this.#dragCamera = null;
    // A press on a handle without a move: nothing happened, the view stays as it was.
    if (frameKey(frame) === frameKey(start) && startCamera) this.ctx.setCamera(startCamera);
    this.ctx.emit();
    // The owner stores it and says so; the editor then refits to the new frame.
    if (frameKey(frame) !== frameKey(start)) this.frames.set(frame);
  }

  onPointerCancel(pointerId: number): boolean {
    return this.#drag.owns(pointerId) && this.cancel();
  }

  cancel(): boolean {
    if (!this.#drag.cancel()) return false;
    if (this.#dragCamera) this.ctx.setCamera(this.#dragCamera);
    this.#dragCamera = null;
    return true;
  }

  onKey(): boolean {
    return false;
  }

  /** Which way a handle drags, under the pointer or while dragged; `move` for Move original. */
  cursor({ hover, busy }: CursorContext): string {
    if (this.#drag.active) {
      const dragged = this.#drag.handle;
      return dragged ? FRAME_HANDLE_CURSOR[dragged] : 'grabbing';
    }
    const handle = hover && !busy ? this.handleAt(hover) : null;
    if (handle) return FRAME_HANDLE_CURSOR[handle];
    return this.ctx.settings.tool === 'move' ? 'move' : '';
  }
}
