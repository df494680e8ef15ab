import type { MaskMode } from '@/lib/mask/types';
import { stageToImage } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import type { ShapeDraft } from './shape-draft';
import { pressMode, toImagePoints, type EditorTool, type ToolContext } from './tool';

type State = { status: 'idle' } | { status: 'tracing'; mode: MaskMode; pointerId: number; points: number[] };

/** Freehand lasso: idle → tracing (one pointer) → idle, filling the traced outline as one history entry on release. */
export class LassoTool implements EditorTool {
  #state: State = { status: 'idle' };

  constructor(private readonly ctx: ToolContext) {}

  get interaction() {
    return this.#state.status === 'idle' ? ('idle' as const) : ('shaping' as const);
  }

  get shapeDraft(): ShapeDraft | null {
    const s = this.#state;
    return s.status === 'tracing' ? { shape: 'polygon', mode: s.mode, points: s.points, open: false } : null;
  }

  onPointerDown(input: PointerInput): boolean {
    if (this.#state.status === 'idle') {
      const { x, y } = stageToImage(this.ctx.camera, input);
      this.#state = {
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
    const s = this.#state;
    if (s.status !== 'tracing' || s.pointerId !== pointerId) return;
    // Closer than an image pixel adds nothing to the outline.
    for (const p of toImagePoints(this.ctx.camera, points)) {
      const lx = s.points[s.points.length - 2]!;
      const ly = s.points[s.points.length - 1]!;
      if (Math.hypot(p.x - lx, p.y - ly) >= 1) s.points.push(p.x, p.y);
    }
  }

  onPointerUp(pointerId: number): void {
    const s = this.#state;
    if (s.status !== 'tracing' || s.pointerId !== pointerId) return;
    this.#state = { status: 'idle' };
    this.ctx.push({ kind: 'shape', shape: 'polygon', mode: s.mode, points: [...s.points] });
  }

  onPointerCancel(pointerId: number): boolean {
    const s = this.#state;
    if (s.status !== 'tracing' || s.pointerId !== pointerId) return false;
    this.#state = { status: 'idle' };
    return true;
  }

  cancel(): boolean {
    if (this.#state.status === 'idle') return false;
    this.#state = { status: 'idle' };
    return true;
  }

  onExit(): void {
    this.cancel();
  }

  onKey(): boolean {
    return false;
  }

  cursor(): string {
    return this.ctx.document ? 'crosshair' : '';
  }
}
