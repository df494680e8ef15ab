import type { MaskMode } from '@/lib/mask/types';
import { stageToImage } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { OutlineTool } from './outline-tool';
import type { ShapeDraft } from './shape-draft';
import { pressMode, toImagePoints } from './tool';

type Tracing = { status: 'tracing'; mode: MaskMode; pointerId: number; points: number[] };

/** Freehand lasso: idle → tracing (one pointer) → idle, filling the traced outline as one history entry on release. */
export class LassoTool extends OutlineTool<Tracing> {
  get shapeDraft(): ShapeDraft | null {
    const s = this.state;
    return s.status === 'tracing' ? { shape: 'polygon', mode: s.mode, points: s.points, open: false } : null;
  }

  onPointerDown(input: PointerInput): boolean {
    if (this.state.status === 'idle') {
      const { x, y } = stageToImage(this.ctx.camera, input);
      this.state = {
        status: 'tracing',
        mode: pressMode(input, this.ctx.settings),
        pointerId: input.pointerId,
        points: [x, y],
      };
    }
    this.ctx.emit();
    return true;
  }

  onPointerMove(pointerId: number, points: readonly PointerSample[]): void {
    const s = this.gestureOf(pointerId);
    if (!s) return;
    // Closer than an image pixel adds nothing to the outline.
    for (const p of toImagePoints(this.ctx.camera, points)) {
      const lx = s.points[s.points.length - 2]!;
      const ly = s.points[s.points.length - 1]!;
      if (Math.hypot(p.x - lx, p.y - ly) >= 1) s.points.push(p.x, p.y);
    }
  }

  onPointerUp(pointerId: number): void {
    const s = this.gestureOf(pointerId);
    if (!s) return;
    this.end();
    this.ctx.push({ kind: 'shape', shape: 'polygon', mode: s.mode, points: [...s.points] });
  }
}
