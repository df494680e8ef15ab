import Konva from 'konva/lib/Core';
import type { KonvaEventObject } from 'konva/lib/Node';
import { Circle } from 'konva/lib/shapes/Circle';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import type { MaskDocument } from '@/lib/mask/document';
import type { Point } from './camera';
import { maskCommands, runMaskCommand, type MaskCommand, type MaskCommandName } from './commands';
import { MaskEditorCore, type MaskBase, type MaskEditorCoreOptions } from './editor-core';
import { OVERLAY_CSS, OVERLAY_OPACITY, writeOverlayPixels } from './overlay';

/**
 * The Konva view of the mask editor: the headless `MaskEditorCore` plus a stage that draws it and
 * feeds it pointer input. One layer (so the DOM holds exactly one <canvas>), inside one "world"
 * group transformed by the camera, holding, in image pixel space:
 *   1. the base image, drawn into a width × height rect (the browser has already applied EXIF);
 *   2. the committed mask as ONE cached bitmap: an offscreen canvas coloured where alpha < 255,
 *      redrawn from the model only when the document changes;
 *   3. the brush cursor.
 * The stroke in progress is drawn incrementally into that overlay bitmap as the buffer (opaque
 * colour with source-over for paint, destination-out for erase, both idempotent so segment joins
 * never double up) and replaced by the exact rasterised model once, on pointer-up. Nothing on
 * screen is ever exported: `exportMaskPng` encodes the model.
 */
export class MaskEditor extends MaskEditorCore {
  readonly commands: readonly MaskCommand[] = maskCommands;

  #container: HTMLDivElement | null = null;
  #stage: Konva.Stage | null = null;
  #layer: Konva.Layer | null = null;
  #world: Konva.Group | null = null;
  #imageNode: KonvaImage | null = null;
  #overlayNode: KonvaImage | null = null;
  #cursor: Konva.Group | null = null;
  #resizeObserver: ResizeObserver | null = null;
  #unsubscribeRender: (() => void) | null = null;
  #frameId: number | null = null;
  readonly #pendingMoves = new Map<number, Point[]>();

  #image: HTMLImageElement | null = null;
  #imageUrl: string | null = null;
  #loadToken = 0;

  #overlayCanvas: HTMLCanvasElement | null = null;
  #overlayPixels: ImageData | null = null;
  /** What the overlay bitmap currently shows. */
  #drawnDoc: object | null = null;
  #drawnVersion = -1;
  #drawnPoints = 0;
  #overlayDirty = false;

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
    this.#overlayNode = new KonvaImage({
      image: undefined,
      opacity: OVERLAY_OPACITY,
      listening: false,
    });
    this.#cursor = new Konva.Group({ listening: false, visible: false });
    // Two rings so the cursor stays visible on light and dark images.
    this.#cursor.add(
      new Circle({ stroke: 'rgba(9, 9, 11, 0.9)', strokeWidth: 3, strokeScaleEnabled: false }),
      new Circle({ stroke: 'rgba(250, 250, 250, 0.95)', strokeWidth: 1, strokeScaleEnabled: false }),
    );
    world.add(this.#imageNode, this.#overlayNode, this.#cursor);
    layer.add(world);
    stage.add(layer);
    this.#stage = stage;
    this.#layer = layer;
    this.#world = world;

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
    this.#imageNode = this.#overlayNode = null;
    this.#cursor = null;
    this.#overlayCanvas = null;
    this.#overlayPixels = null;
    this.#container = null;
  }

  /** Sets the base and loads its image; a new URL or size starts an empty mask of that size. */
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

  // ── image ────────────────────────────────────────────────────────────────────

  #loadImage(base: MaskBase | null): void {
    const token = ++this.#loadToken;
    this.#image = null;
    this.#imageUrl = base?.url ?? null;
    if (!base || typeof Image === 'undefined') return;
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      if (token !== this.#loadToken) return;
      this.#image = image;
      this.setImageStatus(base.url, 'ready');
    };
    image.onerror = () => {
      if (token === this.#loadToken) this.setImageStatus(base.url, 'error');
    };
    image.src = base.url;
  }

  // ── input ────────────────────────────────────────────────────────────────────

  #stagePoints(evt: PointerEvent): Point[] {
    const rect = this.#stage?.content.getBoundingClientRect();
    if (!rect) return [];
    const events = evt.getCoalescedEvents?.() ?? [];
    return (events.length > 0 ? events : [evt]).map((e) => ({
      x: e.clientX - rect.left,
      y: e.clientY - rect.top,
    }));
  }

  #onPointerDown = (e: KonvaEventObject<PointerEvent>): void => {
    const evt = e.evt;
    const point = this.#stagePoints(evt).at(-1);
    if (!point) return;
    this.#container?.focus({ preventScroll: true });
    const taken = this.pointerDown({ pointerId: evt.pointerId, button: evt.button, ...point });
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
    for (const [pointerId, points] of batches) this.pointerMove(pointerId, points);
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
    if (!world || !layer) return;
    const { scale, x, y } = this.camera;
    world.setAttrs({ x, y, scaleX: scale, scaleY: scale });

    const base = this.getSnapshot().base;
    const doc = this.document;
    this.#imageNode?.setAttrs({
      image: this.#image ?? undefined,
      width: base?.width ?? 0,
      height: base?.height ?? 0,
      visible: Boolean(base && this.#image),
    });
    this.#renderOverlay();
    this.#renderCursor();
    this.#overlayNode?.visible(doc !== null);
    layer.batchDraw();
  }

  #renderOverlay(): void {
    const doc = this.document;
    const node = this.#overlayNode;
    if (!doc || !node) {
      this.#drawnDoc = null;
      return;
    }
    let canvas = this.#overlayCanvas;
    if (!canvas || canvas.width !== doc.width || canvas.height !== doc.height) {
      canvas = document.createElement('canvas');
      canvas.width = doc.width;
      canvas.height = doc.height;
      this.#overlayCanvas = canvas;
      this.#overlayPixels = null;
      this.#drawnDoc = null;
      node.setAttrs({ image: canvas, width: doc.width, height: doc.height });
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const draft = this.draft;
    const stale = this.#drawnDoc !== doc || this.#drawnVersion !== doc.version;
    if (stale || (!draft && this.#overlayDirty)) {
      const pixels = this.#overlayPixels ?? ctx.createImageData(doc.width, doc.height);
      this.#overlayPixels = pixels;
      writeOverlayPixels(doc.alpha(), pixels.data);
      ctx.putImageData(pixels, 0, 0);
      this.#drawnDoc = doc;
      this.#drawnVersion = doc.version;
      this.#drawnPoints = 0;
      this.#overlayDirty = false;
    }
    if (draft) this.#drawDraft(ctx, draft);
    else this.#drawnPoints = 0;
  }

  /** Draws only the segments added since the last frame (idempotent paint, so joins stay even). */
  #drawDraft(ctx: CanvasRenderingContext2D, draft: NonNullable<MaskEditor['draft']>): void {
    const points = draft.points;
    const count = points.length / 2;
    if (count <= this.#drawnPoints) return;
    ctx.save();
    ctx.globalCompositeOperation = draft.kind === 'erase' ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = OVERLAY_CSS;
    ctx.lineWidth = draft.size;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (this.#drawnPoints === 0) {
      ctx.beginPath();
      ctx.arc(points[0]!, points[1]!, draft.size / 2, 0, Math.PI * 2);
      ctx.fill();
    }
    const from = Math.max(0, this.#drawnPoints - 1);
    if (count > from + 1) {
      ctx.beginPath();
      ctx.moveTo(points[from * 2]!, points[from * 2 + 1]!);
      for (let i = from + 1; i < count; i++) ctx.lineTo(points[i * 2]!, points[i * 2 + 1]!);
      ctx.stroke();
    }
    ctx.restore();
    this.#drawnPoints = count;
    this.#overlayDirty = true;
  }

  #renderCursor(): void {
    const cursor = this.#cursor;
    if (!cursor) return;
    const snapshot = this.getSnapshot();
    const hover = this.hover;
    const show =
      hover !== null && this.document !== null && !snapshot.panMode && snapshot.interaction !== 'panning';
    cursor.visible(show);
    if (this.#container) this.#container.style.cursor = snapshot.panMode ? 'grab' : show ? 'none' : '';
    if (!show || !hover) return;
    const { scale, x, y } = this.camera;
    cursor.position({ x: (hover.x - x) / scale, y: (hover.y - y) / scale });
    for (const ring of cursor.getChildren()) (ring as Circle).radius(snapshot.brushSize / 2);
  }
}
