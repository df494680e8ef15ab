import type { MaskMode } from '@/lib/mask/types';
import { stageToImage, type Point } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { OutlineTool } from './outline-tool';
import type { ShapeDraft } from './shape-draft';
import { pressMode, toImagePoints, type ToolKey } from './tool';

/** A click this close to the first vertex (screen px) closes the polygon. */
const CLOSE_DISTANCE_PX = 8;

/** Placing vertices; it never holds a pointer (each click is its own press). */
type Placing = { status: 'placing'; mode: MaskMode; points: number[]; hover: Point | null; pointerId?: never };

/**
 * Polygon lasso: each click adds a vertex (it never holds the pointer); a click near the first vertex, a
 * double-click or Enter closes it (three vertices at least) as one history entry; Backspace removes the last
 * vertex; Esc drops it. The line from the last vertex follows the hover.
 */
export class PolygonTool extends OutlineTool<Placing> {
  get shapeDraft(): ShapeDraft | null {
    const s = this.state;
    if (s.status === 'idle') return null;
    const points = s.hover ? [...s.points, s.hover.x, s.hover.y] : s.points;
    return { shape: 'polygon', mode: s.mode, points, open: true };
  }

  onPointerDown(input: PointerInput): boolean {
    const s = this.state;
    const point = stageToImage(this.ctx.camera, input);
    if (s.status === 'idle') {
      if ((input.detail ?? 1) < 2)
        this.state = {
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
    const s = this.state;
    const last = toImagePoints(this.ctx.camera, points).at(-1);
    if (s.status === 'placing' && last) s.hover = { x: last.x, y: last.y };
  }

  onPointerUp(): void {}

  override onKey(key: ToolKey): boolean {
    const s = this.state;
    if (s.status === 'idle') return false;
    if (key.kind === 'enter') {
      this.#close();
      return true;
    }
    if (key.kind !== 'backspace') return false;
    s.points.length -= 2;
    if (s.points.length === 0) this.end();
    this.ctx.emit();
    return true;
  }

  #close(): void {
    const s = this.state;
    if (s.status !== 'placing') return;
    this.end();
    if (s.points.length < 6) return this.ctx.emit();
    this.ctx.push({ kind: 'shape', shape: 'polygon', mode: s.mode, points: [...s.points] });
  }
}
