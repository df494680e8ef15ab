import type { MaskMode, MaskShape } from '@/lib/mask/types';
import { stageToImage } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { OutlineTool } from './outline-tool';
import { corners, type ShapeDraft } from './shape-draft';
import { pressMode, toImagePoints, type ToolKey } from './tool';

type Kind = 'rect' | 'ellipse';
type Gesture =
  | { status: 'dragging'; kind: Kind; mode: MaskMode; pointerId: number; points: number[]; square: boolean }
  | { status: 'keyboard'; kind: Kind; mode: MaskMode; rect: [number, number, number, number]; pointerId?: never };

/**
 * Rectangle and ellipse (the chosen tool says which):
 *   drag:     idle → dragging (one pointer; Shift squares it) → idle, one history entry on pointer-up;
 *   keyboard: idle → Enter places one in the middle of the view → arrows move it, Alt+arrows resize it → Enter.
 * Esc or a lost pointer cancels without touching the mask; a click without a drag makes nothing.
 */
export class ShapeTool extends OutlineTool<Gesture> {
  get shapeDraft(): ShapeDraft | null {
    const s = this.state;
    if (s.status === 'dragging')
      return { shape: s.kind, mode: s.mode, points: corners(s.points, s.square), open: false };
    if (s.status === 'keyboard') return { shape: s.kind, mode: s.mode, points: s.rect, open: false };
    return null;
  }

  onPointerDown(input: PointerInput): boolean {
    if (this.state.status === 'idle') {
      const { x, y } = stageToImage(this.ctx.camera, input);
      const mode = pressMode(input, this.ctx.settings);
      this.state = {
        status: 'dragging',
        kind: this.#kind(),
        mode,
        pointerId: input.pointerId,
        points: [x, y],
        square: false,
      };
    }
    this.ctx.emit();
    return true;
  }

  onPointerMove(pointerId: number, points: readonly PointerSample[], { shiftKey }: { shiftKey: boolean }): void {
    const s = this.gestureOf(pointerId);
    const last = toImagePoints(this.ctx.camera, points).at(-1);
    if (s?.status !== 'dragging' || !last) return;
    s.square = shiftKey;
    s.points.length = 2;
    s.points.push(last.x, last.y);
  }

  onPointerUp(pointerId: number): void {
    const s = this.gestureOf(pointerId);
    if (s?.status !== 'dragging') return;
    const draft = this.shapeDraft!;
    this.end();
    if (s.points.length < 4) return this.ctx.emit();
    this.#commit({ kind: 'shape', shape: draft.shape, mode: draft.mode, points: [...draft.points] });
  }

  override onKey(key: ToolKey): boolean {
    const s = this.state;
    const doc = this.ctx.document;
    if (key.kind === 'enter') {
      if (s.status === 'keyboard') {
        this.end();
        this.#commit({ kind: 'shape', shape: s.kind, mode: s.mode, points: [...s.rect] });
        return true;
      }
      if (!doc) return false;
      this.#placeWithKeyboard(doc);
      return true;
    }
    if (key.kind !== 'nudge' || s.status !== 'keyboard' || !doc) return false;
    const [x0, y0, x1, y1] = s.rect;
    const { dx, dy } = key;
    if (key.resize) {
      s.rect = [
        x0,
        y0,
        Math.max(x0 + 1, Math.min(doc.width, x1 + dx)),
        Math.max(y0 + 1, Math.min(doc.height, y1 + dy)),
      ];
    } else {
      const mx = Math.min(Math.max(dx, -x0), doc.width - x1);
      const my = Math.min(Math.max(dy, -y0), doc.height - y1);
      s.rect = [x0 + mx, y0 + my, x1 + mx, y1 + my];
    }
    this.ctx.invalidate();
    return true;
  }

  /** A quarter of the shorter side, centred in the view (clamped to the image). */
  #placeWithKeyboard(doc: { width: number; height: number }): void {
    const { viewport, camera, settings } = this.ctx;
    const center = stageToImage(camera, { x: viewport.width / 2, y: viewport.height / 2 });
    const clamp = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)));
    const [cx, cy] = [clamp(center.x, doc.width), clamp(center.y, doc.height)];
    const h = Math.max(2, Math.round(Math.min(doc.width, doc.height) / 4)) / 2;
    this.state = {
      status: 'keyboard',
      kind: this.#kind(),
      mode: settings.shapeMode,
      rect: [cx - h, cy - h, cx + h, cy + h],
    };
    this.ctx.emit();
  }

  #kind(): Kind {
    return this.ctx.settings.tool === 'ellipse' ? 'ellipse' : 'rect';
  }

  #commit(shape: MaskShape): void {
    this.ctx.push(shape);
  }
}
