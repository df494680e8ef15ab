import type { MaskMode } from '@/lib/mask/types';
import { stageToImage, type Point } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import type { ShapeDraft } from './shape-draft';
import { pressMode, toImagePoints, type EditorTool, type ToolContext, type ToolKey } from './tool';

/** A click this close to the first vertex (screen px) closes the polygon. */
const CLOSE_DISTANCE_PX = 8;

type State = { status: 'idle' } | { status: 'placing'; mode: MaskMode; points: number[]; hover: Point | null };

/**
 * Polygon lasso: each click adds a vertex (it never holds the pointer); a click near the first vertex, a
 * double-click or Enter closes it (three vertices at least) as one history entry; Backspace removes the last
 * vertex; Esc drops it. The line from the last vertex follows the hover.
 */
export class PolygonTool implements EditorTool {
  #state: State = { status: 'idle' };

  constructor(private readonly ctx: ToolContext) {}

  get interaction() {
    return this.#state.status === 'idle' ? ('idle' as const) : ('shaping' as const);
  }

  get shapeDraft(): ShapeDraft | null {
    const s = this.#state;
    if (s.status === 'idle') return null;
    const points = s.hover ? [...s.points, s.hover.x, s.hover.y] : s.points;
    return { shape: 'polygon', mode: s.mode, points, open: true };
  }

  onPointerDown(input: PointerInput): boolean {
    const s = this.#state;
    const point = stageToImage(this.ctx.camera, input);
    if (s.status === 'idle') {
      if ((input.detail ?? 1) < 2)
        this.#state = {
          status: 'placing',
          mode: pressMode(input, this.ctx.settings),
          points: [point.x, point.y],
          hover: null,
        };
      this.ctx.emit();
      return false;
    }
    const [fx, fy] = [s.points[0]!, s.points[1]!];
    const nearFirst = Math.hypot(point.x - fx, point.y - fy) <= CLOSE_DISTANCE_PX / this.ctx.camera.scale;
    if ((input.detail ?? 1) >= 2 || (s.points.length >= 6 && nearFirst)) this.#close();
    else {
      s.points.push(point.x, point.y);
      this.ctx.emit();
    }
    return false;
  }

  onPointerMove(_pointerId: number, points: readonly PointerSample[]): void {
    const s = this.#state;
    const last = toImagePoints(this.ctx.camera, points).at(-1);
    if (s.status === 'placing' && last) s.hover = { x: last.x, y: last.y };
  }

  onPointerUp(): void {}

  onPointerCancel(): boolean {
    return false;
  }

  cancel(): boolean {
    if (this.#state.status === 'idle') return false;
    this.#state = { status: 'idle' };
    return true;
  }

  onExit(): void {
    this.cancel();
  }

  onKey(key: ToolKey): boolean {
    const s = this.#state;
    if (s.status === 'idle') return false;
    if (key.kind === 'enter') {
      this.#close();
      return true;
    }
    if (key.kind !== 'backspace') return false;
    s.points.length -= 2;
    if (s.points.length === 0) this.#state = { status: 'idle' };
    this.ctx.emit();
    return true;
  }

  cursor(): string {
    return this.ctx.document ? 'crosshair' : '';
  }

  #close(): void {
    const s = this.#state;
    if (s.status !== 'placing') return;
    this.#state = { status: 'idle' };
    if (s.points.length < 6) return this.ctx.emit();
    this.ctx.push({ kind: 'shape', shape: 'polygon', mode: s.mode, points: [...s.points] });
  }
}
