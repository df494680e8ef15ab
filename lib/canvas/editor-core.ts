import type { FrameHandle, Rect } from '@/lib/expand/frame';
import type { ExpandFrame } from '@/lib/expand/geometry';
import type { FrameSource } from '@/lib/expand/frame-source';
import { MaskDocument, type MaskDocumentOptions, type PreparedCoverage } from '@/lib/mask/document';
import { decodeMaskPng, maskSizeMismatch } from '@/lib/mask/import';
import { encodeMaskPng, hasRepaintArea } from '@/lib/mask/png';
import type { MaskOperation } from '@/lib/mask/types';
import { carryMask } from './base-change';
import { fitCamera, IDENTITY_CAMERA, zoomCameraAt, type Camera, type Point, type Size } from './camera';
import {
  MIN_BRUSH_SIZE,
  type ImageStatus,
  type MaskBase,
  type MaskEditorSnapshot,
  type MaskTool,
  type PointerInput,
  type PointerSample,
} from './editor-types';
import { ExpandFrameController } from './expand-frame-controller';
import { InputRouter } from './input-router';
import { EditorSettings } from './settings';
import type { DraftStroke } from './stroke-recorder';
import { createTools, type EditorTools } from './tools/registry';
import type { ShapeDraft } from './tools/shape-draft';
import type { ToolContext, ToolKey } from './tools/tool';

export * from './editor-types';
export type { ShapeDraft };

export interface MaskEditorCoreOptions {
  history?: MaskDocumentOptions;
}

/**
 * The headless mask editor: the document (and its history), the base, the camera and the snapshot React reads.
 * What the user chose lives in `settings`; pointer input goes through `input` (the router) to the tools; the
 * expand frame is read from its owner through `frames`. No DOM, no Konva: the view (`MaskEditor`) holds one of
 * these, feeds it input and draws it; tests drive it directly. Two channels: `subscribe` fires when the snapshot
 * changes (React), `subscribeRender` on anything visible, including every batch of pointer moves (canvas).
 * `onMaskChange` fires after every committed change of the mask (stroke, shape, command, undo, import).
 */
export class MaskEditorCore {
  readonly settings: EditorSettings;
  readonly frames: ExpandFrameController;
  readonly input: InputRouter;
  readonly #tools: EditorTools;
  readonly #options: MaskEditorCoreOptions;
  #base: MaskBase | null = null;
  #baseNote: string | null = null;
  #notice: string | null = null;
  #imageStatus: ImageStatus = 'none';
  #doc: MaskDocument | null = null;
  #viewport: Size = { width: 0, height: 0 };
  #camera: Camera = IDENTITY_CAMERA;
  #fitted = true;
  #hasMaskCache: { doc: MaskDocument; version: number; value: boolean } | null = null;
  #reportedVersion: { doc: MaskDocument | null; version: number } = { doc: null, version: 0 };
  #snapshot: MaskEditorSnapshot;
  readonly #listeners = new Set<() => void>();
  readonly #renderListeners = new Set<() => void>();
  readonly #changeListeners = new Set<() => void>();
  /** Clock for palm rejection; tests replace it. */
  now: () => number = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

  constructor(options: MaskEditorCoreOptions = {}) {
    this.#options = options;
    this.settings = new EditorSettings(
      () => this.#base,
      () => this.#emit(),
    );
    this.frames = new ExpandFrameController((moved) => this.#frameChanged(moved));
    const context = this.#toolContext();
    this.#tools = createTools(context, this.frames, () => this.#base);
    this.input = new InputRouter(context, this.#tools, () => this.now());
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
  get viewport(): Size {
    return this.#viewport;
  }
  /** The expand frame as shown: the one being dragged, else the owner's; null when not expanding. */
  get canvasFrame(): ExpandFrame | null {
    return this.#tools.frame.frame;
  }
  /** The expanded canvas as a rectangle in image pixels (the base at 0, 0), for drawing; null when not expanding. */
  get expandFrame(): Rect | null {
    return this.#tools.frame.rect;
  }
  /** The frame handle being dragged, or null. */
  get frameDragHandle(): FrameHandle | null {
    return this.#tools.frame.handle;
  }
  /** The frame handle under a stage point (for the cursor), or null. */
  frameHandleAt(point: Point): FrameHandle | null {
    return this.#tools.frame.handleAt(point);
  }
  /** The stroke being drawn (image coordinates), or null. */
  get draft(): DraftStroke | null {
    return this.#tools.stroke.draft;
  }
  /** The shape, lasso or polygon being made (image coordinates), or null. */
  get shapeDraft(): ShapeDraft | null {
    return this.input.activeTool.shapeDraft ?? null;
  }
  /** Last pointer position over the stage (stage coordinates), for the brush cursor. */
  get hover(): Point | null {
    return this.input.hover;
  }

  /** Reads the expand frame from its owner from now on; null: not expanding. */
  setFrameSource(source: FrameSource | null): void {
    this.frames.attach(source);
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
      this.#reportedVersion = { doc: this.#doc, version: this.#doc.version };
      this.#baseNote = carried?.note ?? null;
      this.#imageStatus = 'loading';
      if (!prev || prev.width !== width || prev.height !== height) this.settings.resetBrushFor(base);
    }
    this.#notice = null;
    this.input.reset();
    this.#tools.stroke.prepare(this.#doc);
    this.fitToView();
    return true;
  }

  /** Reports the outcome of loading `url`; ignored if the base has changed since. */
  setImageStatus(url: string, status: Exclude<ImageStatus, 'none'>): void {
    if (this.#base?.url !== url) return;
    this.#imageStatus = status;
    this.#emit();
  }

  // ── tools and settings (the values themselves live in `settings`) ───────────

  setTool(tool: MaskTool): void {
    if (tool === 'move' && !this.frames.current) return;
    if (tool !== this.settings.tool) this.input.activeTool.onExit?.();
    this.settings.tool = tool;
    this.#emit();
  }

  swapMode = () => this.settings.swapMode();
  setShapeMode = (mode: MaskEditorSnapshot['shapeMode']) => this.settings.setShapeMode(mode);
  setBrushSize = (size: number) => this.settings.setBrushSize(size);
  stepBrushSize = (direction: 1 | -1) => this.settings.stepBrushSize(direction);
  setBrushHardness = (hardness: number) => this.settings.setBrushHardness(hardness);
  setAdjustRadius = (radius: number) => this.settings.setAdjustRadius(radius);
  setOverlay = (overlay: Parameters<EditorSettings['setOverlay']>[0]) => this.settings.setOverlay(overlay);
  setShortcutSheet = (open: boolean) => this.settings.setShortcutSheet(open);
  setPanMode = (on: boolean) => this.settings.setPanMode(on);

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

  /** Grow (+1) or shrink (−1) the repaint area by `adjustRadius` px. */
  grow(direction: 1 | -1): void {
    this.#command(() => this.#doc?.push({ kind: 'grow', radius: direction * this.settings.adjustRadius }) ?? false);
  }

  feather(): void {
    this.#command(() => this.#doc?.push({ kind: 'feather', radius: this.settings.adjustRadius }) ?? false);
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

  /** Esc: drops the stroke, shape or frame drag in progress (or ends a pan) without touching the mask. */
  cancelInteraction(): void {
    if (this.input.cancel()) this.#emit();
  }

  // ── keys for the chosen tool (keyboard-placed shapes, the polygon lasso) ─────

  /** A key the focused canvas passes to the chosen tool; returns whether the tool used it. */
  toolKey(key: ToolKey): boolean {
    return this.input.activeTool.onKey(key);
  }
  /** Enter: places a rectangle/ellipse in the middle of the view, commits it, or closes the polygon lasso. */
  keyboardEnter = (): boolean => this.toolKey({ kind: 'enter' });
  /** Arrow keys while a keyboard shape is placed: move it, or resize it with `resize`. */
  keyboardNudge = (dx: number, dy: number, resize: boolean): boolean => this.toolKey({ kind: 'nudge', dx, dy, resize });
  /** Backspace: removes the polygon lasso's last vertex. */
  keyboardBackspace = (): boolean => this.toolKey({ kind: 'backspace' });
  get placingShape(): boolean {
    return this.input.activeTool.interaction === 'shaping';
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

  // ── pointer input (stage coordinates), routed to the tools ──────────────────

  /** Starts a stroke, shape, frame drag or pan. Returns true when a tool took the pointer (capture it). */
  pointerDown = (input: PointerInput): boolean => this.input.pointerDown(input);
  /** A frame's batch of (coalesced) positions for one pointer. */
  pointerMove = (pointerId: number, points: readonly PointerSample[], modifiers?: { shiftKey?: boolean }): void =>
    this.input.pointerMove(pointerId, points, modifiers);
  /** Ends the gesture of `pointerId`; a stroke or shape becomes one history entry here, once. */
  pointerUp = (pointerId: number): void => this.input.pointerUp(pointerId);
  /** pointercancel / lost capture: the gesture is dropped, nothing is recorded. */
  pointerCancel = (pointerId: number): void => this.input.pointerCancel(pointerId);
  pointerLeave = (): void => this.input.pointerLeave();

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

  /** What the tools may read and do; see `ToolContext`. */
  #toolContext(): ToolContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the live fields
    const core = this;
    return {
      get document() {
        return core.#doc;
      },
      get camera() {
        return core.#camera;
      },
      get viewport() {
        return core.#viewport;
      },
      get settings() {
        return core.settings;
      },
      setCamera(camera: Camera) {
        core.#camera = camera;
        core.#fitted = false;
      },
      push(op: MaskOperation, coverage?: PreparedCoverage | null) {
        core.#command(() => core.#doc?.push(op, coverage ?? undefined) ?? false);
        core.#emit();
      },
      emit: () => this.#emit(),
      invalidate: () => this.#invalidate(),
    };
  }

  /** The owner's frame moved (or appeared, or went): drop a drag of the old one and fit the new one into view. */
  #frameChanged(moved: boolean): void {
    if (moved) {
      this.#tools.frame.cancel();
      if (!this.frames.current && this.settings.tool === 'move') this.settings.tool = 'brush';
      this.#fitted = true;
      this.#camera = this.#fitCamera();
    }
    this.#emit();
  }

  /** A stroke in progress is dropped first: a command never lands in the middle of a stroke. */
  #command(apply: () => boolean): void {
    const cancelled = this.#tools.stroke.cancel();
    const changed = apply();
    if (cancelled || changed) this.#emit();
  }

  #fitCamera(): Camera {
    if (!this.#base) return IDENTITY_CAMERA;
    const current = this.frames.current;
    const frame = current ? this.#tools.frame.rect : null;
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
    const s = this.settings;
    return Object.freeze({
      tool: s.tool,
      brushSize: s.brushSize,
      brushHardness: s.brushHardness,
      minBrushSize: MIN_BRUSH_SIZE,
      maxBrushSize: s.maxBrushSize,
      canUndo: doc?.canUndo ?? false,
      canRedo: doc?.canRedo ?? false,
      hasMask: this.hasMask(),
      zoom: this.#camera.scale,
      isFitted: this.#fitted,
      base: this.#base,
      imageStatus: this.#imageStatus,
      maskWidth: doc?.width ?? 0,
      maskHeight: doc?.height ?? 0,
      interaction: this.input?.interaction ?? 'idle',
      expanding: this.frames?.current != null,
      panMode: s.panMode,
      shapeMode: s.shapeMode,
      adjustRadius: s.adjustRadius,
      overlayColor: s.overlay.color,
      overlayOpacity: s.overlay.opacity,
      overlayPattern: s.overlay.pattern,
      baseNote: this.#baseNote,
      notice: this.#notice,
      shortcutSheet: s.shortcutSheet,
    });
  }
}
