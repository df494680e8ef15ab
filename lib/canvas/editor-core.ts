import { frameRect, type FrameHandle, type Rect } from '@/lib/expand/frame';
import type { ExpandFrame } from '@/lib/expand/geometry';
import { MaskDocument, type MaskDocumentOptions } from '@/lib/mask/document';
import { decodeMaskPng, maskSizeMismatch } from '@/lib/mask/import';
import { encodeMaskPng, hasRepaintArea } from '@/lib/mask/png';
import type { MaskOperation } from '@/lib/mask/types';
import { carryMask } from './base-change';
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
import {
  defaultBrushSize,
  maxBrushSize,
  MIN_BRUSH_SIZE,
  type ImageStatus,
  type MaskBase,
  type MaskEditorSnapshot,
  type MaskMode,
  type MaskTool,
  type OverlayPattern,
  type PointerInput,
  type PointerSample,
} from './editor-types';
import { FrameTool, frameHandleAt } from './frame-tool';
import { DEFAULT_OVERLAY } from './overlay';
import { ShapeTool, type ShapeDraft, type ShapeKind } from './shape-tool';
import { StrokeTool, type DraftStroke } from './stroke-tool';
import { TouchGesture } from './touch-gesture';

export * from './editor-types';
export type { ShapeDraft };

export interface MaskEditorCoreOptions {
  history?: MaskDocumentOptions;
}

const SHAPE_TOOLS: Partial<Record<MaskTool, ShapeKind>> = {
  rectangle: 'rect',
  ellipse: 'ellipse',
  lasso: 'lasso',
  polygon: 'polygon',
};
/** A pen that lifted less than this long ago still rejects touches (the palm lands after the pen). */
const PALM_GRACE_MS = 500;

/**
 * The headless mask editor: tool state, camera, pointer gestures and the mask document, with no
 * DOM and no Konva. The Konva view (`MaskEditor`) feeds it pointer input and draws what it holds;
 * tests drive it directly. Two channels: `subscribe` fires when the snapshot changes (React),
 * `subscribeRender` fires on anything visible, including every batch of pointer moves (canvas).
 * `onMaskChange` fires after every committed change of the mask (stroke, shape, command, undo, import).
 */
export class MaskEditorCore {
  readonly #options: MaskEditorCoreOptions;
  #tool: MaskTool = 'brush';
  #shapeMode: MaskMode = 'add';
  #brushSize = defaultBrushSize(null);
  #brushHardness = 1;
  #adjustRadius = 8;
  #overlay: { color: string; opacity: number; pattern: OverlayPattern } = { ...DEFAULT_OVERLAY };
  #sheetOpen = false;
  #base: MaskBase | null = null;
  #baseNote: string | null = null;
  #notice: string | null = null;
  #imageStatus: ImageStatus = 'none';
  #doc: MaskDocument | null = null;
  #viewport: Size = { width: 0, height: 0 };
  #camera: Camera = IDENTITY_CAMERA;
  #fitted = true;
  /** The expanded canvas (outpainting), or null: shown around the base, fitted into view, dragged by its handles. */
  #expand: { frame: ExpandFrame; ratioLocked: boolean } | null = null;
  readonly #frameTool = new FrameTool();
  /** Where the camera was when a drag of the original began: the view follows the original, and Esc puts it back. */
  #frameDragCamera: Camera | null = null;
  #panMode = false;
  #hover: Point | null = null;
  #pan: { pointerId: number; last: Point } | null = null;
  readonly #stroke = new StrokeTool();
  readonly #shape = new ShapeTool();
  readonly #touch = new TouchGesture();
  #penDown: number | null = null;
  #penUpAt = -Infinity;
  /** Where the last brush stroke ended (image px), for Shift-click straight lines. */
  #lastStrokeEnd: Point | null = null;
  #hasMaskCache: { doc: MaskDocument; version: number; value: boolean } | null = null;
  #reportedVersion: { doc: MaskDocument | null; version: number } = { doc: null, version: 0 };

  #snapshot: MaskEditorSnapshot;
  readonly #listeners = new Set<() => void>();
  readonly #renderListeners = new Set<() => void>();
  readonly #changeListeners = new Set<() => void>();
  readonly #frameListeners = new Set<(frame: ExpandFrame) => void>();
  /** Clock for palm rejection; tests replace it. */
  now: () => number = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

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

  /** Fires after each committed change of the mask (never for strokes in progress, zoom or tool changes). */
  onMaskChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  // ── read model for the view ──────────────────────────────────────────────────

  get document(): MaskDocument | null {
    return this.#doc;
  }
  get camera(): Camera {
    return this.#camera;
  }
  /** The expand frame as shown: the one being dragged, else the one set; null when not expanding. */
  get canvasFrame(): ExpandFrame | null {
    return this.#frameTool.draft ?? this.#expand?.frame ?? null;
  }

  /** The expanded canvas as a rectangle in image pixels (the base at 0, 0), for drawing; null when not expanding. */
  get expandFrame(): Rect | null {
    const frame = this.canvasFrame;
    return frame ? frameRect(frame) : null;
  }

  /**
   * Shows the expanded canvas around the base (or none) and fits it into view; `ratioLocked` says how its handles
   * drag (`resizeFrame`). Never recorded in history: the frame belongs to the page, which hears of each drag
   * through `onExpandFrameChange` and sets the frame back here.
   */
  setExpandFrame(frame: ExpandFrame | null, options: { ratioLocked?: boolean } = {}): void {
    const ratioLocked = options.ratioLocked ?? this.#expand?.ratioLocked ?? true;
    const prev = this.#expand?.frame ?? null;
    const same = prev === frame || (prev !== null && frame !== null && sameFrame(prev, frame));
    this.#expand = frame ? { frame: same && prev ? prev : frame, ratioLocked } : null;
    if (same) return;
    this.#cancelFrameDrag();
    if (!frame && this.#tool === 'move') this.#tool = 'brush';
    this.#fitted = true;
    this.#camera = this.#fitCamera();
    this.#emit();
  }

  /** Fires when the user finishes dragging a frame handle or the original, with the frame it made. */
  onExpandFrameChange(listener: (frame: ExpandFrame) => void): () => void {
    this.#frameListeners.add(listener);
    return () => this.#frameListeners.delete(listener);
  }

  /** The frame handle being dragged, or null. */
  get frameDragHandle(): FrameHandle | null {
    return this.#frameTool.handle;
  }

  /** The frame handle under a stage point (for the cursor), or null. */
  frameHandleAt(point: Point): FrameHandle | null {
    const rect = this.#base && this.#expand && !this.#panMode ? this.expandFrame : null;
    return rect ? frameHandleAt(this.#camera, rect, point) : null;
  }
  get viewport(): Size {
    return this.#viewport;
  }
  /** The stroke being drawn (image coordinates), or null. */
  get draft(): DraftStroke | null {
    return this.#stroke.draft;
  }
  /** The shape, lasso or polygon being made (image coordinates), or null. */
  get shapeDraft(): ShapeDraft | null {
    return this.#shape.draft;
  }
  /** Last pointer position over the stage (stage coordinates), for the brush cursor. */
  get hover(): Point | null {
    return this.#hover;
  }

  // ── base image ───────────────────────────────────────────────────────────────

  /**
   * Sets the base image. The mask always has the base's size: a base of the same size keeps the
   * mask, another size gets it rescaled (both said in `baseNote`); the same base again changes
   * nothing. Returns true when the base changed.
   */
  setBase(base: MaskBase | null): boolean {
    const prev = this.#base;
    if (base === null) {
      if (prev === null) return false;
      this.#base = null;
      this.#doc = null;
      this.#imageStatus = 'none';
      this.#baseNote = null;
    } else {
      const { url, width, height } = base;
      if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
        throw new RangeError(`base size must be positive integers, got ${width}×${height}`);
      }
      if (prev && prev.url === url && prev.width === width && prev.height === height) return false;
      const old = this.#doc && this.hasMask() ? this.#doc : null;
      const carried = old ? carryMask(old.alpha(), old.width, old.height, width, height) : null;
      this.#base = Object.freeze({ url, width, height });
      this.#doc = new MaskDocument(width, height, { ...this.#options.history, initial: carried?.alpha });
      // The live-stroke buffer is made now, while the image loads, not in the first stroke's pointer-down.
      this.#stroke.reserve(this.#doc);
      this.#reportedVersion = { doc: this.#doc, version: this.#doc.version };
      this.#baseNote = carried?.note ?? null;
      this.#imageStatus = 'loading';
      if (!prev || prev.width !== width || prev.height !== height) this.#brushSize = defaultBrushSize(base);
    }
    this.#notice = null;
    this.#lastStrokeEnd = null;
    this.#cancelGestures();
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

  // ── tools and settings ───────────────────────────────────────────────────────

  setTool(tool: MaskTool): void {
    if (tool === 'move' && !this.#expand) return;
    if (tool !== this.#tool) this.#shape.cancel();
    this.#tool = tool;
    this.#emit();
  }

  /** X: brush ⇄ eraser; for shapes, lasso and fill, add ⇄ subtract. */
  swapMode(): void {
    if (this.#tool === 'brush') this.#tool = 'eraser';
    else if (this.#tool === 'eraser') this.#tool = 'brush';
    else this.#shapeMode = this.#shapeMode === 'add' ? 'subtract' : 'add';
    this.#emit();
  }

  setShapeMode(mode: MaskMode): void {
    this.#shapeMode = mode;
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

  setAdjustRadius(radius: number): void {
    if (!Number.isFinite(radius)) return;
    this.#adjustRadius = Math.min(256, Math.max(1, Math.round(radius)));
    this.#emit();
  }

  setOverlay(overlay: Partial<{ color: string; opacity: number; pattern: OverlayPattern }>): void {
    const next = { ...this.#overlay, ...overlay };
    if (!/^#[0-9a-f]{6}$/i.test(next.color)) next.color = this.#overlay.color;
    next.opacity = Math.min(1, Math.max(0.1, Number.isFinite(next.opacity) ? next.opacity : 0.55));
    this.#overlay = next;
    this.#emit();
  }

  /** `?`: the sheet listing every shortcut (UI state, kept here so keys and buttons share it). */
  setShortcutSheet(open: boolean): void {
    this.#sheetOpen = open;
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
    this.#push({ kind: 'invert' });
  }

  /** Clearing an empty mask would only add a no-op undo step, so it does nothing. */
  clear(): void {
    this.#command(() => this.hasMask() && (this.#doc?.push({ kind: 'clear' }) ?? false));
  }

  /** Grow (+1) or shrink (−1) the repaint area by `adjustRadius` px. */
  grow(direction: 1 | -1): void {
    this.#push({ kind: 'grow', radius: direction * this.#adjustRadius });
  }

  feather(): void {
    this.#push({ kind: 'feather', radius: this.#adjustRadius });
  }

  /**
   * Replaces the mask with `alpha` (base size, 255 keep, 0 repaint) as one undoable step.
   * Throws a sentence when the size does not match the base.
   */
  loadMask(mask: { width: number; height: number; alpha: Uint8Array }, label: string): void {
    const doc = this.#doc;
    if (!doc || !this.#base) throw new Error('Add a reference image before loading a mask.');
    const mismatch = maskSizeMismatch(mask, this.#base);
    if (mismatch) throw new Error(mismatch);
    this.#command(() => doc.push({ kind: 'replace', alpha: mask.alpha.slice(), label }));
    this.#notice = label || null;
    this.#emit();
  }

  /** Decodes a mask PNG (alpha, or white = repaint when opaque) and loads it; see `loadMask`. */
  loadMaskPng(bytes: Uint8Array, label = 'Imported mask'): void {
    this.loadMask(decodeMaskPng(bytes), label);
  }

  /** Esc: drops the stroke or shape in progress (or ends a pan) without touching the mask. */
  cancelInteraction(): void {
    const had = this.#stroke.cancel() || this.#shape.cancel() || this.#cancelFrameDrag() || this.#pan !== null;
    this.#pan = null;
    if (had) this.#emit();
  }

  // ── keyboard shapes (a rectangle placed and sized without a pointer) ─────────

  /** Enter: starts a keyboard rectangle/ellipse in the middle of the view, or commits the current one. */
  keyboardEnter(): boolean {
    if (this.#shape.status === 'polygon' || this.#shape.status === 'keyboard') {
      this.#commitShape(this.#shape.status === 'polygon' ? this.#shape.finishPolygon() : this.#shape.commitKeyboard());
      return true;
    }
    const doc = this.#doc;
    if (!doc || (this.#tool !== 'rectangle' && this.#tool !== 'ellipse')) return false;
    const center = stageToImage(this.#camera, { x: this.#viewport.width / 2, y: this.#viewport.height / 2 });
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    const size = Math.max(2, Math.round(Math.min(doc.width, doc.height) / 4));
    this.#shape.startKeyboard(
      this.#tool === 'rectangle' ? 'rect' : 'ellipse',
      this.#shapeMode,
      { x: Math.round(clamp(center.x, doc.width)), y: Math.round(clamp(center.y, doc.height)) },
      size,
    );
    this.#emit();
    return true;
  }

  /** Arrow keys while a keyboard shape is placed: move it, or resize it with `resize`. */
  keyboardNudge(dx: number, dy: number, resize: boolean): boolean {
    const doc = this.#doc;
    if (!doc || !this.#shape.nudge(dx, dy, resize, doc)) return false;
    this.#invalidate();
    return true;
  }

  /** Backspace: removes the polygon lasso's last vertex. */
  keyboardBackspace(): boolean {
    if (!this.#shape.removeLastVertex()) return false;
    this.#emit();
    return true;
  }

  get placingShape(): boolean {
    return this.#shape.active;
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

  /** Mod+1: one image pixel per CSS pixel, about the viewport centre. */
  zoomToActualSize(): void {
    this.zoomBy(1 / this.#camera.scale);
  }

  // ── pointer input (stage coordinates) ────────────────────────────────────────

  /** Starts a stroke, shape or pan. Returns true when the editor took the pointer (capture it). */
  pointerDown(input: PointerInput): boolean {
    const point = { x: input.x, y: input.y };
    const type = input.pointerType ?? 'mouse';
    if (type === 'pen') {
      this.#penDown = input.pointerId;
      this.#touch.clear(); // a palm already resting is not a gesture
    }
    if (type === 'touch') return this.#touchDown(input);
    this.#hover = point;
    if (!this.#doc || this.#pan || this.#stroke.state.status !== 'idle' || this.#frameTool.active) return false;
    if (input.button === 1 || (input.button === 0 && this.#panMode)) {
      this.#pan = { pointerId: input.pointerId, last: point };
      this.#emit();
      return true;
    }
    if (input.button !== 0 && input.button !== 2 && input.button !== 5) return false;
    return this.#beginTool(input, point);
  }

  /** A frame's batch of (coalesced) positions for one pointer. */
  pointerMove(pointerId: number, points: readonly PointerSample[], modifiers: { shiftKey?: boolean } = {}): void {
    const last = points[points.length - 1];
    if (!last) return;
    if (this.#touch.has(pointerId)) {
      for (const p of points) {
        const step = this.#touch.move(pointerId, p);
        if (step) {
          this.#camera = panCamera(zoomCameraAt(this.#camera, step.factor, step.anchor), step.dx, step.dy);
          this.#fitted = false;
        }
      }
      if (this.#touch.count >= 2) {
        this.#emit();
        return;
      }
    }
    this.#hover = { x: last.x, y: last.y };
    if (this.#pan?.pointerId === pointerId) {
      this.#camera = panCamera(this.#camera, last.x - this.#pan.last.x, last.y - this.#pan.last.y);
      this.#pan = { pointerId, last };
      this.#fitted = false;
      this.#emit();
      return;
    }
    if (this.#frameTool.owns(pointerId)) {
      this.#dragFrame(pointerId, last);
      return;
    }
    const camera = this.#camera;
    const image = points.map((p) => ({ ...stageToImage(camera, p), pressure: p.pressure }));
    if (this.#shape.active) this.#shape.move(pointerId, image, modifiers.shiftKey === true);
    else this.#stroke.extend(pointerId, image);
    this.#invalidate();
  }

  /** Ends the gesture of `pointerId`; a stroke or shape becomes one history entry here, once. */
  pointerUp(pointerId: number): void {
    if (this.#penDown === pointerId) {
      this.#penDown = null;
      this.#penUpAt = this.now();
    }
    if (this.#touch.has(pointerId)) {
      const wasPinching = this.#touch.count >= 2;
      this.#touch.up(pointerId);
      if (wasPinching) {
        this.#emit();
        return;
      }
    }
    if (this.#pan?.pointerId === pointerId) {
      this.#pan = null;
      this.#emit();
      return;
    }
    const frame = this.#frameTool.finish(pointerId);
    if (frame) {
      this.#commitFrame(frame);
      return;
    }
    const shape = this.#shape.up(pointerId);
    if (shape) {
      this.#commitShape(shape);
      return;
    }
    const stroke = this.#stroke.finish(pointerId);
    if (!stroke) return;
    this.#lastStrokeEnd = { x: stroke.points[stroke.points.length - 2]!, y: stroke.points[stroke.points.length - 1]! };
    this.#doc?.push(stroke, this.#stroke.coverage);
    this.#emit();
  }

  /** pointercancel / lost capture: the gesture is dropped, nothing is recorded. */
  pointerCancel(pointerId: number): void {
    if (this.#penDown === pointerId) this.#penDown = null;
    const touched = this.#touch.has(pointerId);
    this.#touch.up(pointerId);
    const state = this.#stroke.state;
    if (state.status === 'drawing' && state.pointerId === pointerId) this.#stroke.cancel();
    else if (this.#frameTool.owns(pointerId)) this.#cancelFrameDrag();
    else if (this.#shape.cancel(pointerId)) {
      // dropped the drag shape
    } else if (this.#pan?.pointerId === pointerId) this.#pan = null;
    else if (!touched) return;
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

  #touchDown(input: PointerInput): boolean {
    // Palm rejection: while a pen is down (or just lifted), touches are a resting hand.
    if (this.#penDown !== null || this.now() - this.#penUpAt < PALM_GRACE_MS || !this.#doc) return false;
    const point = { x: input.x, y: input.y };
    this.#touch.down(input.pointerId, point);
    if (this.#touch.count === 2) {
      // The second finger turns a just-started one-finger stroke into a pan/zoom; nothing is recorded.
      this.#stroke.cancel();
      this.#shape.cancel();
      this.#cancelFrameDrag();
      this.#hover = null;
      this.#emit();
      return true;
    }
    if (this.#touch.count > 2) return true;
    return this.#beginTool(input, point);
  }

  #beginTool(input: PointerInput, point: Point): boolean {
    const doc = this.#doc!;
    if (input.button === 0 && this.#beginFrameDrag(input.pointerId, point)) return true;
    const imagePoint = stageToImage(this.#camera, point);
    const tool = this.#tool;
    if (tool === 'move') return false;
    const erase = input.button === 2 || input.button === 5;
    const mode: MaskMode = erase || input.altKey ? flip(this.#shapeMode) : this.#shapeMode;
    if (tool === 'fill') {
      this.#push({ kind: 'fill', mode, x: imagePoint.x, y: imagePoint.y, tolerance: 32 });
      return false;
    }
    const shapeKind = SHAPE_TOOLS[tool];
    if (shapeKind) {
      if (shapeKind === 'polygon' && (input.detail ?? 1) >= 2) return this.#commitShape(this.#shape.finishPolygon());
      const closeDistance = 8 / this.#camera.scale;
      const closed = this.#shape.down(shapeKind, mode, input.pointerId, imagePoint, closeDistance);
      if (closed) return this.#commitShape(closed);
      this.#emit();
      return shapeKind !== 'polygon';
    }
    // Brush / eraser. Right button and the pen's eraser end always erase.
    const kind = erase || tool === 'eraser' ? 'erase' : 'paint';
    const pressure = input.pointerType === 'pen' && input.pressure !== undefined ? input.pressure : undefined;
    const settings = { kind, size: this.#brushSize, hardness: this.#brushHardness } as const;
    if (input.shiftKey && this.#lastStrokeEnd) {
      // Shift-click: a straight line from where the last stroke ended, one history entry.
      const from = this.#lastStrokeEnd;
      this.#lastStrokeEnd = imagePoint;
      this.#push({ ...settings, points: [from.x, from.y, imagePoint.x, imagePoint.y] });
      return false;
    }
    this.#stroke.begin(input.pointerId, settings, { ...imagePoint, pressure }, doc);
    this.#emit();
    return true;
  }

  // ── expand frame drags ───────────────────────────────────────────────────────

  /** A handle under the pointer resizes the frame; with the Move original tool, anywhere moves the original. */
  #beginFrameDrag(pointerId: number, point: Point): boolean {
    const frame = this.#base ? this.#expand?.frame : null;
    if (!frame) return false;
    const handle = this.frameHandleAt(point);
    if (handle) this.#frameTool.beginResize(pointerId, handle, frame, point, this.#camera.scale);
    else if (this.#tool === 'move') {
      this.#frameTool.beginMove(pointerId, frame, point, this.#camera.scale);
      this.#frameDragCamera = this.#camera;
    } else return false;
    this.#emit();
    return true;
  }

  #dragFrame(pointerId: number, to: Point): void {
    const base = this.#base;
    const start = this.#frameTool.start;
    const draft = base && this.#expand ? this.#frameTool.move(pointerId, to, base, this.#expand.ratioLocked) : null;
    if (!draft || !start) return;
    const camera = this.#frameDragCamera;
    if (camera) {
      // Moving the original: the canvas stays put on screen and the original slides inside it, under the pointer.
      this.#camera = {
        ...camera,
        x: camera.x + (draft.offset.x - start.offset.x) * camera.scale,
        y: camera.y + (draft.offset.y - start.offset.y) * camera.scale,
      };
    }
    this.#invalidate();
  }

  #commitFrame(frame: ExpandFrame): void {
    const startCamera = this.#frameDragCamera;
    this.#frameDragCamera = null;
    const changed = this.#expand !== null && !sameFrame(this.#expand.frame, frame);
    if (!changed) {
      // A press on a handle without a move: nothing happened, the view stays as it was.
      if (startCamera) this.#camera = startCamera;
      this.#emit();
      return;
    }
    this.#expand = { ...this.#expand!, frame };
    // Refit so the whole canvas is in view for the next drag (a grown frame may reach past the viewport).
    this.#fitted = true;
    this.#camera = this.#fitCamera();
    this.#emit();
    for (const listener of [...this.#frameListeners]) listener(frame);
  }

  /** Drops a frame drag in progress (the frame and the view stay as they were); returns whether there was one. */
  #cancelFrameDrag(): boolean {
    if (!this.#frameTool.cancel()) return false;
    if (this.#frameDragCamera) this.#camera = this.#frameDragCamera;
    this.#frameDragCamera = null;
    return true;
  }

  #commitShape(shape: MaskOperation | null): boolean {
    if (shape) this.#doc?.push(shape);
    this.#emit();
    return false;
  }

  #push(op: MaskOperation): void {
    this.#command(() => this.#doc?.push(op) ?? false);
  }

  /** A stroke in progress is dropped first: a command never lands in the middle of a stroke. */
  #command(apply: () => boolean): void {
    const cancelled = this.#stroke.cancel();
    const changed = apply();
    if (cancelled || changed) this.#emit();
  }

  #cancelGestures(): void {
    this.#stroke.cancel();
    this.#shape.cancel();
    this.#cancelFrameDrag();
    this.#touch.clear();
    this.#pan = null;
  }

  #fitCamera(): Camera {
    if (!this.#base) return IDENTITY_CAMERA;
    const frame = this.#expand ? frameRect(this.#expand.frame) : null;
    if (!frame) return fitCamera(this.#viewport, this.#base);
    const fitted = fitCamera(this.#viewport, frame);
    return { ...fitted, x: fitted.x - frame.x * fitted.scale, y: fitted.y - frame.y * fitted.scale };
  }

  #emit(): void {
    const next = this.#buildSnapshot();
    const prev = this.#snapshot;
    const changed = (Object.keys(next) as (keyof MaskEditorSnapshot)[]).some((key) => next[key] !== prev[key]);
    if (changed) {
      this.#snapshot = next;
      for (const listener of [...this.#listeners]) listener();
    }
    this.#invalidate();
    const doc = this.#doc;
    if (doc && this.#reportedVersion.doc === doc && this.#reportedVersion.version !== doc.version) {
      this.#reportedVersion = { doc, version: doc.version };
      for (const listener of [...this.#changeListeners]) listener();
    }
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
      interaction:
        this.#touch.count >= 2
          ? 'pinching'
          : this.#pan
            ? 'panning'
            : this.#stroke.state.status === 'drawing'
              ? 'drawing'
              : this.#shape.active
                ? 'shaping'
                : this.#frameTool.active
                  ? 'framing'
                  : 'idle',
      expanding: this.#expand !== null,
      panMode: this.#panMode,
      shapeMode: this.#shapeMode,
      adjustRadius: this.#adjustRadius,
      overlayColor: this.#overlay.color,
      overlayOpacity: this.#overlay.opacity,
      overlayPattern: this.#overlay.pattern,
      baseNote: this.#baseNote,
      notice: this.#notice,
      shortcutSheet: this.#sheetOpen,
    });
  }
}

function sameFrame(a: ExpandFrame, b: ExpandFrame): boolean {
  return (
    a.ratio === b.ratio &&
    a.canvas.width === b.canvas.width &&
    a.canvas.height === b.canvas.height &&
    a.offset.x === b.offset.x &&
    a.offset.y === b.offset.y
  );
}

function flip(mode: MaskMode): MaskMode {
  return mode === 'add' ? 'subtract' : 'add';
}
