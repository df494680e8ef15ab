import Konva from 'konva/lib/Core';
import { Circle } from 'konva/lib/shapes/Circle';
import { Line } from 'konva/lib/shapes/Line';
import { frameLabel, type FrameHandle } from '@/lib/expand/frame';
import { shapeOutline } from '@/lib/mask/shapes';
import type { MaskEditorCore } from '../editor-core';
import { frameHandlePoints } from '../frame-drag';
import type { ValueStore } from './value-store';

/** The expand frame's outline, handles and drag label in screen pixels, for the React-drawn part of the UI layer. */
export interface FrameUi {
  readonly outline: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly handles: readonly { readonly handle: FrameHandle; readonly x: number; readonly y: number }[];
  /** The ratio and size the drag makes, shown while dragging; null otherwise. */
  readonly label: string | null;
}

/**
 * The light top layer. Two parts, on either side of the React line:
 *  - imperative, redrawn every frame (`live`, a group React leaves empty): the stroke in progress as vectors, the
 *    shape or lasso outline and the brush ring; pointer-to-paint latency lives here, so no React in the way;
 *  - declarative (components/mask/frame-handles.tsx with react-konva): the expand frame's outline, handles and
 *    label, and the CSS cursor, published to React through `frameUi` and `cursor` only when they change.
 */
export class UiLayer {
  readonly #world = new Konva.Group({ listening: false });
  readonly #draft: Konva.Shape;
  readonly #shape: Line = new Line({
    points: [],
    stroke: 'rgba(250, 250, 250, 0.95)',
    strokeWidth: 1.5,
    strokeScaleEnabled: false,
    dash: [6, 4],
    listening: false,
    visible: false,
  });
  readonly #ring = new Konva.Group({ listening: false, visible: false });

  constructor(
    private readonly layer: Konva.Layer,
    live: Konva.Group,
    private readonly core: MaskEditorCore,
    private readonly frameUi: ValueStore<FrameUi | null>,
    private readonly cursor: ValueStore<string>,
  ) {
    this.#draft = new Konva.Shape({ listening: false, visible: false, sceneFunc: (ctx) => this.#drawDraft(ctx) });
    // Two rings so the cursor stays visible on light and dark images.
    this.#ring.add(
      new Circle({ stroke: 'rgba(9, 9, 11, 0.9)', strokeWidth: 3, strokeScaleEnabled: false }),
      new Circle({ stroke: 'rgba(250, 250, 250, 0.95)', strokeWidth: 1, strokeScaleEnabled: false }),
    );
    this.#world.add(this.#draft, this.#shape, this.#ring);
    live.add(this.#world);
  }

  /** Draws now, inside this frame: batchDraw would wait for one more frame (+16 ms pointer-to-paint). */
  render(): void {
    const { scale, x, y } = this.core.camera;
    this.#world.setAttrs({ x, y, scaleX: scale, scaleY: scale });
    this.#draft.visible(this.core.draft !== null);
    this.#renderShape();
    this.#renderRing();
    this.frameUi.set(this.#frameUi());
    this.cursor.set(this.core.input.cursor);
    this.layer.draw();
  }

  /** Forgets what React was shown (the stage went away). */
  reset(): void {
    this.frameUi.set(null);
    this.cursor.set('');
  }

  /**
   * The stroke in progress as vectors (committed once, on pointer-up, by the model). Paint shows in the overlay
   * colour at the overlay's opacity; erase as a dark translucent trail.
   */
  #drawDraft(context: Konva.Context): void {
    const draft = this.core.draft;
    if (!draft) return;
    const ctx = context._context;
    const points = draft.points;
    const count = points.length / 2;
    const { overlayColor, overlayOpacity } = this.core.getSnapshot();
    ctx.save();
    ctx.globalAlpha = draft.kind === 'erase' ? 0.6 : overlayOpacity;
    ctx.strokeStyle = ctx.fillStyle = draft.kind === 'erase' ? 'rgb(9, 9, 11)' : overlayColor;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const sizeAt = (i: number) => draft.size * (draft.pressures?.[i] ?? 1);
    if (count === 1 || draft.pressures) {
      // A dot, or pen strokes whose width changes per segment: round stamps joined by segments.
      ctx.beginPath();
      ctx.arc(points[0]!, points[1]!, sizeAt(0) / 2, 0, Math.PI * 2);
      ctx.fill();
      for (let i = 1; i < count; i++) {
        ctx.lineWidth = sizeAt(i);
        ctx.beginPath();
        ctx.moveTo(points[(i - 1) * 2]!, points[(i - 1) * 2 + 1]!);
        ctx.lineTo(points[i * 2]!, points[i * 2 + 1]!);
        ctx.stroke();
      }
    } else {
      ctx.lineWidth = draft.size;
      ctx.beginPath();
      ctx.moveTo(points[0]!, points[1]!);
      for (let i = 1; i < count; i++) ctx.lineTo(points[i * 2]!, points[i * 2 + 1]!);
      ctx.stroke();
    }
    ctx.restore();
  }

  #renderShape(): void {
    const draft = this.core.shapeDraft;
    if (!draft || draft.points.length < 4) {
      this.#shape.visible(false);
      return;
    }
    const outline = draft.shape === 'polygon' ? [...draft.points] : shapeOutline(draft);
    const { overlayColor } = this.core.getSnapshot();
    this.#shape.setAttrs({
      visible: true,
      points: outline,
      closed: !draft.open,
      fill: draft.mode === 'add' ? `${overlayColor}55` : 'rgba(9, 9, 11, 0.35)',
      dash: draft.mode === 'add' ? [6, 4] : [2, 4],
    });
  }

  #renderRing(): void {
    const show = this.core.input.showsBrushRing;
    const hover = this.core.hover;
    this.#ring.visible(show);
    if (!show || !hover) return;
    const { scale, x, y } = this.core.camera;
    this.#ring.position({ x: (hover.x - x) / scale, y: (hover.y - y) / scale });
    for (const ring of this.#ring.getChildren()) (ring as Circle).radius(this.core.getSnapshot().brushSize / 2);
  }

  /** The frame's outline and handles at constant screen size, and the ratio and size it makes while dragged. */
  #frameUi(): FrameUi | null {
    const core = this.core;
    const rect = core.getSnapshot().base ? core.expandFrame : null;
    const frame = core.canvasFrame;
    if (!rect || !frame) return null;
    const { scale, x, y } = core.camera;
    return {
      outline: { x: x + rect.x * scale, y: y + rect.y * scale, width: rect.width * scale, height: rect.height * scale },
      handles: frameHandlePoints(core.camera, rect),
      label: core.getSnapshot().interaction === 'framing' ? frameLabel(frame) : null,
    };
  }
}
