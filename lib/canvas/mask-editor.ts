import Konva from 'konva/lib/Core';
import type { KonvaEventObject } from 'konva/lib/Node';
import { Circle } from 'konva/lib/shapes/Circle';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Line } from 'konva/lib/shapes/Line';
import { Rect } from 'konva/lib/shapes/Rect';
import { Text } from 'konva/lib/shapes/Text';
import { frameLabel, type FrameHandle } from '@/lib/expand/frame';
import type { MaskDocument } from '@/lib/mask/document';
import { encodeMaskPng } from '@/lib/mask/png';
import { shapeOutline } from '@/lib/mask/shapes';
import { maskCommands, runMaskCommand, type MaskCommand, type MaskCommandName } from './commands';
import {
  MaskEditorCore,
  type MaskBase,
  type MaskEditorCoreOptions,
  type MaskEditorSnapshot,
  type PointerSample,
} from './editor-core';
import { MaskExporter } from './export-client';
import { FRAME_HANDLE_CURSOR, FRAME_HANDLE_DRAWN_PX, frameHandlePoints } from './frame-tool';
import { proxySize, writeOverlay } from './overlay';

/** Longest side of the display proxies (base image and overlay). Measured: a 4096² overlay drawn every frame costs ~4× a 2048² one. */
const PROXY_MAX_SIDE = 2048;

/**
 * The Konva view of the mask editor: the headless `MaskEditorCore` plus a stage that draws it and
 * feeds it pointer input. Three layers (three canvases the browser composites), each with a "world"
 * group transformed by the camera, holding, in image pixel space:
 *   1. the base image, from a downscaled proxy for large bases (the full image once zoomed in past it);
 *   2. the committed mask as ONE cached bitmap (proxy-sized), redrawn from the model only in the
 *      rectangle the last change touched; a stroke's commit redraws this layer, not the base;
 *   3. the stroke in progress (vectors), the outline of a shape or lasso, and the brush cursor.
 * The stroke in progress is drawn as vectors on the light third layer (the buffer) and replaced by
 * the exact rasterised model once, on pointer-up; the bitmap layer is redrawn only when it changes. Nothing on screen is ever exported:
 * `exportMaskPng` encodes the model, in a worker.
 */
export class MaskEditor extends MaskEditorCore {
  readonly commands: readonly MaskCommand[] = maskCommands;

  #container: HTMLDivElement | null = null;
  /** The expanded canvas behind the base: checkerboard (transparent, new) tinted as masked for repainting. */
  #frameNodes: { checker: Rect; tint: Rect } | null = null;
  /** The frame's outline, its eight drag handles and, while dragging, what it will make: screen pixels, on top. */
  #frameUi: { group: Konva.Group; outline: Rect; handles: Rect[]; label: Text } | null = null;
  #stage: Konva.Stage | null = null;
  /** The base image (and the expand frame), redrawn only when the camera or the image changes. */
  #layer: Konva.Layer | null = null;
  #world: Konva.Group | null = null;
  /** The committed mask overlay, redrawn when the mask or the camera changes, never the base with it. */
  #maskLayer: Konva.Layer | null = null;
  #maskWorld: Konva.Group | null = null;
  #uiLayer: Konva.Layer | null = null;
  #uiWorld: Konva.Group | null = null;
  #draftNode: Konva.Shape | null = null;
  /** What the base layer last drew; it is redrawn only when this changes (camera, image, frame). */
  #baseKey = '';
  /** What the mask layer last drew besides the overlay's own pixels (camera, opacity). */
  #maskKey = '';
  #imageNode: KonvaImage | null = null;
  #overlayNode: KonvaImage | null = null;
  #shapeNode: Line | null = null;
  #cursor: Konva.Group | null = null;
  #resizeObserver: ResizeObserver | null = null;
  #unsubscribeRender: (() => void) | null = null;
  #frameId: number | null = null;
  readonly #pendingMoves = new Map<number, PointerSample[]>();
  #shiftKey = false;
  readonly #exporter = new MaskExporter();

  #image: HTMLImageElement | null = null;
  #proxy: ImageBitmap | null = null;
  #imageUrl: string | null = null;
  #loadToken = 0;

  #overlayCanvas: HTMLCanvasElement | null = null;
  #overlayPixels: ImageData | null = null;
  /** What the overlay bitmap currently shows. */
  #drawnDoc: object | null = null;
  #drawnVersion = -1;
  #drawnStyle = '';
  /** Frames drawn; the benchmark reads it to pair pointer events with paints. */
  framesDrawn = 0;

  constructor(options?: MaskEditorCoreOptions) {
    super(options);
  }

  /** Creates the stage inside `container` (which should be absolutely sized by its parent). */
  mount(container: HTMLDivElement): void {
    if (this.#stage) this.destroy();
    this.#container = container;
    container.style.touchAction = 'none';
    container.style.userSelect = 'none';
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    const stage = new Konva.Stage({ container, width, height });
    const layer = new Konva.Layer({ listening: false });
    const world = new Konva.Group({ listening: false });
    this.#imageNode = new KonvaImage({ image: undefined, listening: false });
    this.#overlayNode = new KonvaImage({ image: undefined, listening: false });
    this.#shapeNode = new Line({
      points: [],
      stroke: 'rgba(250, 250, 250, 0.95)',
      strokeWidth: 1.5,
      strokeScaleEnabled: false,
      dash: [6, 4],
      listening: false,
      visible: false,
    });
    this.#cursor = new Konva.Group({ listening: false, visible: false });
    // Two rings so the cursor stays visible on light and dark images.
    this.#cursor.add(
      new Circle({ stroke: 'rgba(9, 9, 11, 0.9)', strokeWidth: 3, strokeScaleEnabled: false }),
      new Circle({ stroke: 'rgba(250, 250, 250, 0.95)', strokeWidth: 1, strokeScaleEnabled: false }),
    );
    // Bitmap layers (base; committed mask) redrawn only when they or the camera change, and a light
    // layer for what moves with the pointer (the stroke in progress as vectors, shape outline, cursor),
    // redrawn every frame. Measured on 4096²: drawing the bitmaps every frame was the cost.
    this.#frameNodes = {
      checker: new Rect({
        listening: false,
        visible: false,
        fillPatternImage: checkerTile() as unknown as HTMLImageElement,
        fillPatternRepeat: 'repeat',
      }),
      tint: new Rect({ listening: false, visible: false, fill: 'rgba(139, 92, 246, 0.28)' }),
    };
    world.add(this.#frameNodes.checker, this.#frameNodes.tint, this.#imageNode);
    layer.add(world);
    const maskLayer = new Konva.Layer({ listening: false });
    const maskWorld = new Konva.Group({ listening: false });
    maskWorld.add(this.#overlayNode);
    maskLayer.add(maskWorld);
    const uiLayer = new Konva.Layer({ listening: false });
    const uiWorld = new Konva.Group({ listening: false });
    this.#draftNode = new Konva.Shape({ listening: false, visible: false, sceneFunc: (ctx) => this.#drawDraft(ctx) });
    uiWorld.add(this.#draftNode, this.#shapeNode, this.#cursor);
    this.#frameUi = createFrameUi();
    uiLayer.add(uiWorld, this.#frameUi.group);
    stage.add(layer, maskLayer, uiLayer);
    this.#stage = stage;
    this.#layer = layer;
    this.#world = world;
    this.#maskLayer = maskLayer;
    this.#maskWorld = maskWorld;
    this.#uiLayer = uiLayer;
    this.#uiWorld = uiWorld;
    this.#baseKey = this.#maskKey = '';

    stage.on('pointerdown', this.#onPointerDown);
    stage.on('pointermove', this.#onPointerMove);
    stage.on('pointerup', this.#onPointerUp);
    stage.on('pointercancel', this.#onPointerCancel);
    stage.on('pointerleave', this.#onPointerLeave);
    stage.on('wheel', this.#onWheel);
    stage.content.addEventListener('lostpointercapture', this.#onLostCapture);
    stage.content.addEventListener('contextmenu', this.#onContextMenu);

    this.#resizeObserver = new ResizeObserver(() => this.#resize());
    this.#resizeObserver.observe(container);
    this.#unsubscribeRender = this.subscribeRender(() => this.#requestFrame());
    this.setViewport({ width, height });
    this.#drawnDoc = null;
    this.#render();
  }

  /** Releases the stage and observers. The mask stays, so mounting again (StrictMode) keeps it. */
  destroy(): void {
    this.cancelInteraction();
    if (this.#frameId !== null) cancelAnimationFrame(this.#frameId);
    this.#frameId = null;
    this.#pendingMoves.clear();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#unsubscribeRender?.();
    this.#unsubscribeRender = null;
    if (this.#stage) {
      this.#stage.content.removeEventListener('lostpointercapture', this.#onLostCapture);
      this.#stage.content.removeEventListener('contextmenu', this.#onContextMenu);
      this.#stage.destroy();
    }
    this.#stage = this.#layer = this.#world = null;
    this.#maskLayer = this.#maskWorld = null;
    this.#uiLayer = null;
    this.#uiWorld = this.#draftNode = null;
    this.#imageNode = this.#overlayNode = null;
    this.#frameNodes = null;
    this.#frameUi = null;
    this.#shapeNode = null;
    this.#cursor = null;
    this.#overlayCanvas = null;
    this.#overlayPixels = null;
    this.#container = null;
  }

  /** Sets the base and loads its image; see `MaskEditorCore.setBase` for what happens to the mask. */
  override setBase(base: MaskBase | null): boolean {
    const changed = super.setBase(base);
    if (changed && base?.url !== this.#imageUrl) this.#loadImage(base);
    else if (changed && base) this.setImageStatus(base.url, this.#image ? 'ready' : 'loading');
    return changed;
  }

  /** Runs a registry command if enabled; the toolbar and the keyboard both come through here. */
  runCommand(name: MaskCommandName): boolean {
    return runMaskCommand(this, name);
  }

  /** The mask model (null without a base). Read it; change it only through the editor. */
  getMaskDocument(): MaskDocument | null {
    return this.document;
  }

  /** The mask PNG, encoded in a worker (main thread if the worker cannot start). */
  override async exportMaskPng(): Promise<Blob | null> {
    const doc = this.document;
    if (!doc || !this.hasMask()) return null;
    const alpha = doc.alpha();
    try {
      return await this.#exporter.encode(doc.width, doc.height, alpha);
    } catch {
      const png = encodeMaskPng(doc.width, doc.height, alpha);
      return new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
  }

  // ── image ────────────────────────────────────────────────────────────────────

  #loadImage(base: MaskBase | null): void {
    const token = ++this.#loadToken;
    this.#image = null;
    this.#proxy?.close();
    this.#proxy = null;
    this.#imageUrl = base?.url ?? null;
    if (!base || typeof Image === 'undefined') return;
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      if (token !== this.#loadToken) return;
      this.#image = image;
      this.setImageStatus(base.url, 'ready');
      const size = proxySize(base.width, base.height, PROXY_MAX_SIDE);
      if (size.width < base.width && typeof createImageBitmap === 'function') {
        createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' })
          .then((bitmap) => {
            if (token !== this.#loadToken) return bitmap.close();
            this.#proxy = bitmap;
            this.#requestFrame();
          })
          .catch(() => {}); // the full image keeps working
      }
    };
    image.onerror = () => {
      if (token === this.#loadToken) this.setImageStatus(base.url, 'error');
    };
    image.src = base.url;
  }

  // ── input ────────────────────────────────────────────────────────────────────

  #stagePoints(evt: PointerEvent): PointerSample[] {
    const rect = this.#stage?.content.getBoundingClientRect();
    if (!rect) return [];
    const events = evt.getCoalescedEvents?.() ?? [];
    const pen = evt.pointerType === 'pen';
    return (events.length > 0 ? events : [evt]).map((e) => ({
      x: e.clientX - rect.left,
      y: e.clientY - rect.top,
      pressure: pen ? e.pressure : undefined,
    }));
  }

  #onPointerDown = (e: KonvaEventObject<PointerEvent>): void => {
    const evt = e.evt;
    const point = this.#stagePoints(evt).at(-1);
    if (!point) return;
    this.#container?.focus({ preventScroll: true });
    this.#flushMoves();
    const taken = this.pointerDown({
      pointerId: evt.pointerId,
      button: evt.button,
      pointerType: evt.pointerType,
      pressure: evt.pressure,
      shiftKey: evt.shiftKey,
      altKey: evt.altKey,
      detail: evt.detail,
      x: point.x,
      y: point.y,
    });
    if (!taken) return;
    evt.preventDefault();
    try {
      this.#stage?.content.setPointerCapture(evt.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; the stroke still works inside.
    }
  };

  #onPointerMove = (e: KonvaEventObject<PointerEvent>): void => {
    const points = this.#stagePoints(e.evt);
    this.#shiftKey = e.evt.shiftKey;
    const list = this.#pendingMoves.get(e.evt.pointerId);
    if (list) list.push(...points);
    else this.#pendingMoves.set(e.evt.pointerId, points);
    this.#requestFrame();
  };

  #onPointerUp = (e: KonvaEventObject<PointerEvent>): void => {
    this.#flushMoves();
    this.pointerUp(e.evt.pointerId);
  };

  #onPointerCancel = (e: KonvaEventObject<PointerEvent>): void => {
    this.#pendingMoves.delete(e.evt.pointerId);
    this.pointerCancel(e.evt.pointerId);
  };

  #onLostCapture = (evt: PointerEvent): void => {
    // Fires after a normal pointer-up too; by then the stroke is committed and this is a no-op.
    this.pointerCancel(evt.pointerId);
  };

  /** Hides the brush cursor; a finger lifting also "leaves", so the ring never stays behind. */
  #onPointerLeave = (e: KonvaEventObject<PointerEvent>): void => {
    if (this.getSnapshot().interaction === 'idle' || e.evt.pointerType === 'touch') this.pointerLeave();
  };

  #onWheel = (e: KonvaEventObject<WheelEvent>): void => {
    if (!this.document) return;
    const evt = e.evt;
    evt.preventDefault();
    const rect = this.#stage?.content.getBoundingClientRect();
    if (!rect) return;
    // Lines (Firefox deltaMode 1) are ~16 px; trackpad pinch arrives as ctrl+wheel with small deltas.
    const delta = evt.deltaY * (evt.deltaMode === 1 ? 16 : 1);
    this.zoomBy(Math.exp(-delta * (evt.ctrlKey ? 0.01 : 0.0015)), {
      x: evt.clientX - rect.left,
      y: evt.clientY - rect.top,
    });
  };

  #onContextMenu = (evt: Event): void => {
    if (this.document) evt.preventDefault(); // right-drag erases
  };

  #flushMoves(): void {
    if (this.#pendingMoves.size === 0) return;
    const batches = [...this.#pendingMoves];
    this.#pendingMoves.clear();
    for (const [pointerId, points] of batches) this.pointerMove(pointerId, points, { shiftKey: this.#shiftKey });
  }

  #resize(): void {
    const container = this.#container;
    const stage = this.#stage;
    if (!container || !stage) return;
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    stage.size({ width, height });
    this.setViewport({ width, height });
    this.#requestFrame();
  }

  // ── rendering ────────────────────────────────────────────────────────────────

  #requestFrame(): void {
    if (this.#frameId !== null || !this.#stage) return;
    this.#frameId = requestAnimationFrame(() => {
      // Keep #frameId set while flushing so invalidations from the flush don't queue a 2nd frame.
      this.#flushMoves();
      this.#render();
      this.#frameId = null;
    });
  }

  #render(): void {
    const world = this.#world;
    const layer = this.#layer;
    const maskWorld = this.#maskWorld;
    const maskLayer = this.#maskLayer;
    const uiWorld = this.#uiWorld;
    const uiLayer = this.#uiLayer;
    if (!world || !layer || !maskWorld || !maskLayer || !uiWorld || !uiLayer) return;
    const { scale, x, y } = this.camera;
    for (const group of [world, maskWorld, uiWorld]) group.setAttrs({ x, y, scaleX: scale, scaleY: scale });

    const snapshot = this.getSnapshot();
    const base = snapshot.base;
    const doc = this.document;
    // The proxy while it is at least as sharp as the screen; the full image once zoomed in past it.
    const useProxy = Boolean(this.#proxy && base && (this.#proxy.width / base.width) * 1.01 >= scale);
    const overlayChanged = this.#renderOverlay();
    const frame = base ? this.expandFrame : null;
    const frameKey = frame ? [frame.x, frame.y, frame.width, frame.height].join(',') : '';
    const key = [scale, x, y, useProxy, Boolean(this.#image), base?.url, frameKey].join('|');
    if (key !== this.#baseKey) {
      for (const node of this.#frameNodes ? [this.#frameNodes.checker, this.#frameNodes.tint] : []) {
        node.setAttrs(frame ? { ...frame, visible: true } : { visible: false });
      }
      // Checker squares stay 8 screen pixels at any zoom.
      this.#frameNodes?.checker.fillPatternScale({ x: 1 / scale, y: 1 / scale });
      this.#imageNode?.setAttrs({
        image: (useProxy ? this.#proxy : this.#image) ?? undefined,
        width: base?.width ?? 0,
        height: base?.height ?? 0,
        visible: Boolean(base && this.#image),
      });
      layer.draw();
      this.#baseKey = key;
    }
    const maskKey = [scale, x, y, snapshot.overlayOpacity, doc !== null].join('|');
    if (overlayChanged || maskKey !== this.#maskKey) {
      this.#overlayNode?.visible(doc !== null);
      this.#overlayNode?.opacity(snapshot.overlayOpacity);
      maskLayer.draw();
      this.#maskKey = maskKey;
    }
    this.#draftNode?.visible(this.draft !== null);
    this.#renderShape();
    this.#renderFrameUi();
    this.#renderCursor();
    // Draw now, inside this frame: batchDraw would wait for one more frame (+16 ms pointer-to-paint).
    uiLayer.draw();
    this.framesDrawn += 1;
  }

  /** Brings the overlay bitmap up to date with the model; returns whether it changed. */
  #renderOverlay(): boolean {
    const doc = this.document;
    const node = this.#overlayNode;
    if (!doc || !node) {
      this.#drawnDoc = null;
      return false;
    }
    const size = proxySize(doc.width, doc.height, PROXY_MAX_SIDE);
    let canvas = this.#overlayCanvas;
    if (!canvas || canvas.width !== size.width || canvas.height !== size.height || this.#drawnDoc !== doc) {
      canvas ??= document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      this.#overlayCanvas = canvas;
      this.#overlayPixels = null;
      this.#drawnDoc = null;
      node.setAttrs({ image: canvas, width: doc.width, height: doc.height });
    }
    const { overlayColor, overlayPattern } = this.getSnapshot();
    const styleKey = `${overlayColor}/${overlayPattern}`;
    if (this.#drawnDoc === doc && this.#drawnVersion === doc.version && this.#drawnStyle === styleKey) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const pixels = this.#overlayPixels ?? ctx.createImageData(size.width, size.height);
    this.#overlayPixels = pixels;
    const change = doc.lastChange;
    // Only the rectangle the last change touched, when this bitmap showed the state just before it.
    const rect =
      (this.#drawnDoc === doc &&
        this.#drawnStyle === styleKey &&
        change?.fromVersion === this.#drawnVersion &&
        change.toVersion === doc.version &&
        change.rect) ||
      null;
    writeOverlay(doc.alpha(), doc.width, doc.height, pixels, { color: overlayColor, pattern: overlayPattern }, rect);
    if (rect) {
      const sx = size.width / doc.width;
      const sy = size.height / doc.height;
      const dx = Math.floor(rect.x0 * sx);
      const dy = Math.floor(rect.y0 * sy);
      ctx.putImageData(pixels, 0, 0, dx, dy, Math.ceil(rect.x1 * sx) - dx, Math.ceil(rect.y1 * sy) - dy);
    } else {
      ctx.putImageData(pixels, 0, 0);
    }
    this.#drawnDoc = doc;
    this.#drawnVersion = doc.version;
    this.#drawnStyle = styleKey;
    return true;
  }

  /**
   * The stroke in progress as vectors on the light layer (committed once, on pointer-up, by the model).
   * Paint shows in the overlay colour at the overlay's opacity; erase as a dark translucent trail.
   */
  #drawDraft(context: Konva.Context): void {
    const draft = this.draft;
    if (!draft) return;
    const ctx = context._context;
    const points = draft.points;
    const count = points.length / 2;
    const { overlayColor, overlayOpacity } = this.getSnapshot();
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
    const node = this.#shapeNode;
    if (!node) return;
    const draft = this.shapeDraft;
    if (!draft || draft.points.length < 4) {
      node.visible(false);
      return;
    }
    const outline = draft.shape === 'polygon' ? [...draft.points] : shapeOutline(draft);
    const { overlayColor } = this.getSnapshot();
    node.setAttrs({
      visible: true,
      points: outline,
      closed: !draft.open,
      fill: draft.mode === 'add' ? `${overlayColor}55` : 'rgba(9, 9, 11, 0.35)',
      dash: draft.mode === 'add' ? [6, 4] : [2, 4],
    });
  }

  /** The frame's outline and handles at constant screen size, and the ratio and size it makes while dragged. */
  #renderFrameUi(): void {
    const ui = this.#frameUi;
    if (!ui) return;
    const rect = this.getSnapshot().base ? this.expandFrame : null;
    ui.group.visible(rect !== null);
    if (!rect) return;
    const { scale, x, y } = this.camera;
    ui.outline.setAttrs({
      x: x + rect.x * scale,
      y: y + rect.y * scale,
      width: rect.width * scale,
      height: rect.height * scale,
    });
    const half = FRAME_HANDLE_DRAWN_PX / 2;
    for (const [index, point] of frameHandlePoints(this.camera, rect).entries())
      ui.handles[index]?.position({ x: point.x - half, y: point.y - half });
    const frame = this.canvasFrame;
    const dragging = this.getSnapshot().interaction === 'framing';
    ui.label.setAttrs({
      visible: dragging && frame !== null,
      text: frame ? frameLabel(frame) : '',
      x: x + rect.x * scale + 8,
      y: y + rect.y * scale + 8,
    });
  }

  #renderCursor(): void {
    const cursor = this.#cursor;
    if (!cursor) return;
    const snapshot = this.getSnapshot();
    const hover = this.hover;
    const brush = snapshot.tool === 'brush' || snapshot.tool === 'eraser';
    const handle = hover && snapshot.interaction === 'idle' ? this.frameHandleAt(hover) : null;
    const show =
      brush &&
      hover !== null &&
      handle === null &&
      this.document !== null &&
      !snapshot.panMode &&
      snapshot.interaction !== 'panning' &&
      snapshot.interaction !== 'framing';
    cursor.visible(show);
    if (this.#container) this.#container.style.cursor = this.#cssCursor(snapshot, handle, show, brush);
    if (!show || !hover) return;
    const { scale, x, y } = this.camera;
    cursor.position({ x: (hover.x - x) / scale, y: (hover.y - y) / scale });
    for (const ring of cursor.getChildren()) (ring as Circle).radius(snapshot.brushSize / 2);
  }

  /** Says what a press will do: pan, drag a frame side or corner, move the original, paint (ring) or shape. */
  #cssCursor(snapshot: MaskEditorSnapshot, handle: FrameHandle | null, ring: boolean, brush: boolean): string {
    if (snapshot.panMode) return 'grab';
    if (handle) return FRAME_HANDLE_CURSOR[handle];
    if (snapshot.interaction === 'framing') {
      const dragged = this.frameDragHandle;
      return dragged ? FRAME_HANDLE_CURSOR[dragged] : 'grabbing';
    }
    if (snapshot.tool === 'move') return 'move';
    if (ring) return 'none';
    return this.document && !brush ? 'crosshair' : '';
  }
}

/** The frame's outline and eight handles (white squares with a violet edge, seen on light and dark images). */
function createFrameUi(): { group: Konva.Group; outline: Rect; handles: Rect[]; label: Text } {
  const group = new Konva.Group({ listening: false, visible: false });
  const outline = new Rect({ stroke: 'rgba(167, 139, 250, 0.95)', strokeWidth: 1.5, dash: [8, 4], listening: false });
  const handles = Array.from(
    { length: 8 },
    () =>
      new Rect({
        width: FRAME_HANDLE_DRAWN_PX,
        height: FRAME_HANDLE_DRAWN_PX,
        fill: '#fafafa',
        stroke: '#6d28d9',
        strokeWidth: 2,
        cornerRadius: 2,
        listening: false,
      }),
  );
  const label = new Text({
    fontSize: 13,
    fontStyle: 'bold',
    fill: '#fafafa',
    padding: 4,
    shadowColor: '#09090b',
    shadowBlur: 4,
    shadowOpacity: 1,
    listening: false,
  });
  group.add(outline, ...handles, label);
  return { group, outline, handles, label };
}

/** A 16 × 16 two-tone tile: the usual sign for transparent pixels. A canvas is a valid pattern source (Konva's type says image). */
function checkerTile(): HTMLCanvasElement {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 16;
  const context = tile.getContext('2d');
  if (context) {
    context.fillStyle = '#52525b';
    context.fillRect(0, 0, 16, 16);
    context.fillStyle = '#27272a';
    context.fillRect(0, 0, 8, 8);
    context.fillRect(8, 8, 8, 8);
  }
  return tile;
}
