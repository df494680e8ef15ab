import { MaskDocument, type MaskDocumentOptions } from '@/lib/mask/document';
import { encodeMaskPng, hasRepaintArea } from '@/lib/mask/png';
import {
  fitCamera,
  IDENTITY_CAMERA,
  panCamera,
  stageToImage,
  zoomCameraAt,
  type Camera,
  type Point,
  type Size,
} from './camera';
import { StrokeTool, type DraftStroke } from './stroke-tool';
import {
  defaultBrushSize,
  maxBrushSize,
  MIN_BRUSH_SIZE,
  type ImageStatus,
  type MaskBase,
  type MaskEditorSnapshot,
  type MaskTool,
  type PointerInput,
} from './editor-types';

export * from './editor-types';

export interface MaskEditorCoreOptions {
  history?: MaskDocumentOptions;
}


/**
 * The headless mask editor: tool state, camera, pointer gestures and the mask document, with no
 * DOM and no Konva. The Konva view (`MaskEditor`) feeds it pointer input and draws what it holds;
 * tests drive it directly. Two channels: `subscribe` fires when the snapshot changes (React),
 * `subscribeRender` fires on anything visible, including every batch of pointer moves (canvas).
 */
export class MaskEditorCore {
  readonly #options: MaskEditorCoreOptions;
  #tool: MaskTool = 'brush';
  #brushSize = defaultBrushSize(null);
  #brushHardness = 1;
  #base: MaskBase | null = null;
  #imageStatus: ImageStatus = 'none';
  #doc: MaskDocument | null = null;
  #viewport: Size = { width: 0, height: 0 };
  #camera: Camera = IDENTITY_CAMERA;
  #fitted = true;
  #panMode = false;
  #hover: Point | null = null;
  #pan: { pointerId: number; last: Point } | null = null;
  readonly #stroke = new StrokeTool();
  #hasMaskCache: { doc: MaskDocument; version: number; value: boolean } | null = null;

  #snapshot: MaskEditorSnapshot;
  readonly #listeners = new Set<() => void>();
  readonly #renderListeners = new Set<() => void>();

  constructor(options: MaskEditorCoreOptions = {}) {
    this.#options = options;
    this.#snapshot = this.#buildSnapshot();
  }

  // ── subscriptions ────────────────────────────────────────────────────────────

  /** For `useSyncExternalStore`: fires when `getSnapshot()` returns a new object. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): MaskEditorSnapshot => this.#snapshot;

  /** For the canvas view: fires on every visible change (strokes in progress, camera, cursor). */
  subscribeRender(listener: () => void): () => void {
    this.#renderListeners.add(listener);
    return () => this.#renderListeners.delete(listener);
  }

  // ── read model for the view ──────────────────────────────────────────────────

  get document(): MaskDocument | null {
    return this.#doc;
  }
  get camera(): Camera {
    return this.#camera;
  }
  get viewport(): Size {
    return this.#viewport;
  }
  /** The stroke being drawn (image coordinates), or null. */
  get draft(): DraftStroke | null {
    return this.#stroke.draft;
  }
  /** Last pointer position over the stage (stage coordinates), for the brush cursor. */
  get hover(): Point | null {
    return this.#hover;
  }

  // ── base image ───────────────────────────────────────────────────────────────

  /**
   * Sets the base image. A different URL or size starts a new, empty mask of exactly that size;
   * the same base again changes nothing. Returns true when the base changed.
   */
  setBase(base: MaskBase | null): boolean {
    const prev = this.#base;
    if (base === null) {
      if (prev === null) return false;
      this.#base = null;
      this.#doc = null;
      this.#imageStatus = 'none';
    } else {
      const { url, width, height } = base;
      if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
        throw new RangeError(`base size must be positive integers, got ${width}×${height}`);
      }
      if (prev && prev.url === url && prev.width === width && prev.height === height) return false;
      this.#base = Object.freeze({ url, width, height });
      this.#doc = new MaskDocument(width, height, this.#options.history);
      this.#imageStatus = 'loading';
      this.#brushSize = defaultBrushSize(base);
    }
    this.#stroke.cancel();
    this.#pan = null;
    this.#fitted = true;
    this.#camera = this.#fitCamera();
    this.#emit();
    return true;
  }

  /** Reports the outcome of loading `url`; ignored if the base has changed since. */
  setImageStatus(url: string, status: Exclude<ImageStatus, 'none'>): void {
    if (this.#base?.url !== url) return;
    this.#imageStatus = status;
    this.#emit();
  }

  // ── tools ────────────────────────────────────────────────────────────────────

  setTool(tool: MaskTool): void {
    this.#tool = tool;
    this.#emit();
  }

  setBrushSize(size: number): void {
    if (!Number.isFinite(size)) return;
    const limit = maxBrushSize(this.#base);
    this.#brushSize = Math.min(limit, Math.max(MIN_BRUSH_SIZE, Math.round(size)));
    this.#emit();
  }

  /** `[` / `]`: about 20 % a step, at least 1 px. */
  stepBrushSize(direction: 1 | -1): void {
    const size = this.#brushSize;
    const next = direction > 0 ? Math.max(size + 1, size * 1.2) : Math.min(size - 1, size / 1.2);
    this.setBrushSize(next);
  }

  setBrushHardness(hardness: number): void {
    if (!Number.isFinite(hardness)) return;
    this.#brushHardness = Math.round(Math.min(1, Math.max(0, hardness)) * 100) / 100;
    this.#emit();
  }

  setPanMode(on: boolean): void {
    if (this.#panMode === on) return;
    this.#panMode = on;
    this.#emit();
  }

  // ── mask commands (each is one history entry) ────────────────────────────────

  undo(): void {
    this.#command(() => this.#doc?.undo() ?? false);
  }

  redo(): void {
    this.#command(() => this.#doc?.redo() ?? false);
  }

  invert(): void {
    this.#command(() => this.#doc?.push({ kind: 'invert' }) ?? false);
  }

  /** Clearing an empty mask would only add a no-op undo step, so it does nothing. */
  clear(): void {
    this.#command(() => this.hasMask() && (this.#doc?.push({ kind: 'clear' }) ?? false));
  }

  /** Esc: drops the stroke in progress (or ends a pan) without touching the mask. */
  cancelInteraction(): void {
    const had = this.#stroke.cancel() || this.#pan !== null;
    this.#pan = null;
    if (had) this.#emit();
  }

  // ── camera (never recorded in history) ──────────────────────────────────────

  setViewport(size: Size): void {
    if (size.width === this.#viewport.width && size.height === this.#viewport.height) return;
    this.#viewport = { width: size.width, height: size.height };
    if (this.#fitted) this.#camera = this.#fitCamera();
    this.#emit();
  }

  fitToView(): void {
    this.#fitted = true;
    this.#camera = this.#fitCamera();
    this.#emit();
  }

  /** Zooms about `anchor` (stage coordinates; default: the viewport centre). */
  zoomBy(factor: number, anchor?: Point): void {
    if (!this.#doc || !(factor > 0)) return;
    const at = anchor ?? { x: this.#viewport.width / 2, y: this.#viewport.height / 2 };
    this.#camera = zoomCameraAt(this.#camera, factor, at);
    this.#fitted = false;
    this.#emit();
  }

  // ── pointer input (stage coordinates) ────────────────────────────────────────

  /** Starts a stroke or a pan. Returns true when the editor took the pointer (capture it). */
  pointerDown(input: PointerInput): boolean {
    const point = { x: input.x, y: input.y };
    this.#hover = point;
    if (!this.#doc || this.#pan || this.#stroke.state.status !== 'idle') return false;
    if (input.button === 1 || (input.button === 0 && this.#panMode)) {
      this.#pan = { pointerId: input.pointerId, last: point };
      this.#emit();
      return true;
    }
    if (input.button !== 0 && input.button !== 2 && input.button !== 5) return false;
    // Right button and the pen's eraser end always erase.
    const erase = input.button !== 0 || this.#tool === 'eraser';
    this.#stroke.begin(
      input.pointerId,
      { kind: erase ? 'erase' : 'paint', size: this.#brushSize, hardness: this.#brushHardness },
      stageToImage(this.#camera, point),
    );
    this.#emit();
    return true;
  }

  /** A frame's batch of (coalesced) positions for one pointer. */
  pointerMove(pointerId: number, points: readonly Point[]): void {
    const last = points[points.length - 1];
    if (!last) return;
    this.#hover = last;
    if (this.#pan?.pointerId === pointerId) {
      this.#camera = panCamera(this.#camera, last.x - this.#pan.last.x, last.y - this.#pan.last.y);
      this.#pan = { pointerId, last };
      this.#fitted = false;
      this.#emit();
      return;
    }
    const camera = this.#camera;
    this.#stroke.extend(
      pointerId,
      points.map((p) => stageToImage(camera, p)),
    );
    this.#invalidate();
  }

  /** Ends the gesture of `pointerId`; a stroke becomes one history entry here, once. */
  pointerUp(pointerId: number): void {
    if (this.#pan?.pointerId === pointerId) {
      this.#pan = null;
      this.#emit();
      return;
    }
    const stroke = this.#stroke.finish(pointerId);
    if (!stroke) return;
    this.#doc?.push(stroke);
    this.#emit();
  }

  /** pointercancel / lost capture: the gesture is dropped, nothing is recorded. */
  pointerCancel(pointerId: number): void {
    const state = this.#stroke.state;
    if (state.status === 'drawing' && state.pointerId === pointerId) this.#stroke.cancel();
    else if (this.#pan?.pointerId === pointerId) this.#pan = null;
    else return;
    this.#emit();
  }

  pointerLeave(): void {
    if (!this.#hover) return;
    this.#hover = null;
    this.#invalidate();
  }

  // ── export ───────────────────────────────────────────────────────────────────

  hasMask(): boolean {
    const doc = this.#doc;
    if (!doc) return false;
    const cache = this.#hasMaskCache;
    if (cache?.doc === doc && cache.version === doc.version) return cache.value;
    const value = hasRepaintArea(doc.alpha());
    this.#hasMaskCache = { doc, version: doc.version, value };
    return value;
  }

  /** The mask PNG bytes (base size, alpha 0 = repaint), or null when nothing is painted. */
  encodeMaskPng(): Uint8Array | null {
    const doc = this.#doc;
    if (!doc || !this.hasMask()) return null;
    return encodeMaskPng(doc.width, doc.height, doc.alpha());
  }

  async exportMaskPng(): Promise<Blob | null> {
    const png = this.encodeMaskPng();
    return png ? new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }) : null;
  }

  // ── internals ────────────────────────────────────────────────────────────────

  /** A stroke in progress is dropped first: a command never lands in the middle of a stroke. */
  #command(apply: () => boolean): void {
    const cancelled = this.#stroke.cancel();
    const changed = apply();
    if (cancelled || changed) this.#emit();
  }

  #fitCamera(): Camera {
    return this.#base ? fitCamera(this.#viewport, this.#base) : IDENTITY_CAMERA;
  }

  #emit(): void {
    const next = this.#buildSnapshot();
    const prev = this.#snapshot;
    const changed = (Object.keys(next) as (keyof MaskEditorSnapshot)[]).some(
      (key) => next[key] !== prev[key],
    );
    if (changed) {
      this.#snapshot = next;
      for (const listener of [...this.#listeners]) listener();
    }
    this.#invalidate();
  }

  #invalidate(): void {
    for (const listener of [...this.#renderListeners]) listener();
  }

  #buildSnapshot(): MaskEditorSnapshot {
    const doc = this.#doc;
    return Object.freeze({
      tool: this.#tool,
      brushSize: this.#brushSize,
      brushHardness: this.#brushHardness,
      minBrushSize: MIN_BRUSH_SIZE,
      maxBrushSize: maxBrushSize(this.#base),
      canUndo: doc?.canUndo ?? false,
      canRedo: doc?.canRedo ?? false,
      hasMask: this.hasMask(),
      zoom: this.#camera.scale,
      isFitted: this.#fitted,
      base: this.#base,
      imageStatus: this.#imageStatus,
      maskWidth: doc?.width ?? 0,
      maskHeight: doc?.height ?? 0,
      interaction: this.#pan ? 'panning' : this.#stroke.state.status === 'drawing' ? 'drawing' : 'idle',
      panMode: this.#panMode,
    });
  }
}
