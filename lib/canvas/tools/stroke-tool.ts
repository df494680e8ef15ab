import type { MaskDocument } from '@/lib/mask/document';
import { stageToImage, type Point } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { StrokeRecorder, type DraftStroke } from '../stroke-recorder';
import { isErasePress, toImagePoints, type CursorContext, type EditorTool, type ToolContext } from './tool';

/**
 * Brush and eraser (one tool: the chosen tool, the right button and the pen's eraser end pick paint or erase).
 * idle → drawing (one pointer) → idle; the stroke is rasterised while drawn (`StrokeRecorder`) and pushed as one
 * history entry on pointer-up. Shift-click draws a straight line from where the last stroke ended.
 */
export class StrokeTool implements EditorTool {
  readonly #recorder = new StrokeRecorder();
  /** Where the last stroke ended (image px), for Shift-click straight lines. */
  #lastEnd: Point | null = null;

  constructor(private readonly ctx: ToolContext) {}

  get interaction() {
    return this.#recorder.state.status === 'drawing' ? ('drawing' as const) : ('idle' as const);
  }

  /** The stroke being drawn (image px), or null. */
  get draft(): DraftStroke | null {
    return this.#recorder.draft;
  }

  /** A new document: the live-stroke buffer is made now, while the image loads, not in the first pointer-down. */
  prepare(doc: MaskDocument | null): void {
    this.#lastEnd = null;
    if (doc) this.#recorder.reserve(doc);
  }

  onPointerDown(input: PointerInput): boolean {
    const { ctx } = this;
    const point = stageToImage(ctx.camera, input);
    const { settings } = ctx;
    const kind = isErasePress(input) || settings.tool === 'eraser' ? 'erase' : 'paint';
    const pressure = input.pointerType === 'pen' && input.pressure !== undefined ? input.pressure : undefined;
    const brush = { kind, size: settings.brushSize, hardness: settings.brushHardness } as const;
    if (input.shiftKey && this.#lastEnd) {
      const from = this.#lastEnd;
      this.#lastEnd = point;
      ctx.push({ ...brush, points: [from.x, from.y, point.x, point.y] });
      return false;
    }
    this.#recorder.begin(input.pointerId, brush, { ...point, pressure }, ctx.document ?? undefined);
    ctx.emit();
    return true;
  }

  onPointerMove(pointerId: number, points: readonly PointerSample[]): void {
    this.#recorder.extend(pointerId, toImagePoints(this.ctx.camera, points));
  }

  onPointerUp(pointerId: number): void {
    const stroke = this.#recorder.finish(pointerId);
    if (!stroke) return;
    this.#lastEnd = { x: stroke.points[stroke.points.length - 2]!, y: stroke.points[stroke.points.length - 1]! };
    this.ctx.push(stroke, this.#recorder.coverage);
  }

  onPointerCancel(pointerId: number): boolean {
    const state = this.#recorder.state;
    return state.status === 'drawing' && state.pointerId === pointerId && this.#recorder.cancel();
  }

  cancel(): boolean {
    return this.#recorder.cancel();
  }

  onKey(): boolean {
    return false;
  }

  /** The ring shows the brush; the system cursor hides under it. */
  cursor({ brushRing }: CursorContext): string {
    return brushRing ? 'none' : '';
  }
}
