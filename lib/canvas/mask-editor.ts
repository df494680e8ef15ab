import type Konva from 'konva/lib/Core';
import type { ExpandFrame } from '@/lib/expand/geometry';
import type { MaskDocument } from '@/lib/mask/document';
import { encodeMaskPng } from '@/lib/mask/png';
import type { Camera } from './camera';
import { maskCommands, runMaskCommand, type MaskCommand, type MaskCommandName } from './commands';
import { MaskEditorCore, type MaskBase, type MaskEditorCoreOptions } from './editor-core';
import { MaskExporter } from './export-client';
import { BaseImage } from './view/base-image';
import { OverlayLayer } from './view/overlay-layer';
import { PointerInput } from './view/pointer-input';
import { SceneLayer } from './view/scene-layer';
import { UiLayer, type FrameUi } from './view/ui-layer';
import { ValueStore } from './view/value-store';

/** The Konva nodes the React tree composes (components/mask/mask-stage.tsx) and hands to the view. */
export interface MaskStageNodes {
  readonly stage: Konva.Stage;
  /** Base image and expand canvas. */
  readonly scene: Konva.Layer;
  /** The committed mask. */
  readonly overlay: Konva.Layer;
  /** The top layer: `live` is the group the view draws into each frame; React draws the frame handles beside it. */
  readonly ui: Konva.Layer;
  readonly live: Konva.Group;
  /** Where focus goes on a press. */
  readonly focusTarget: HTMLElement;
}

/**
 * The Konva view of the mask editor. It HOLDS a headless `MaskEditorCore` (document, camera, tools, input router)
 * and draws it into three layers the React tree composes with react-konva (three canvases the browser composites):
 *   1. the scene: the base image (from a downscaled proxy while that is as sharp as the screen) and the expand canvas;
 *   2. the committed mask as ONE cached bitmap, redrawn from the model only in the rectangle the last change touched;
 *   3. the UI layer: the stroke in progress (vectors), the shape outline and the brush ring, redrawn every frame,
 *      plus the frame handles React draws from `ui.frameUi`.
 * Pointer input is batched per animation frame (`PointerInput`). Nothing on screen is ever exported:
 * `exportMaskPng` encodes the model, in a worker. Reachable from e2e tests and the benchmark as the stage element's
 * `maskEditor` property.
 */
export class MaskEditor {
  readonly core: MaskEditorCore;
  readonly commands: readonly MaskCommand[] = maskCommands;
  /** Frames drawn; the benchmark reads it to pair pointer events with paints. */
  framesDrawn = 0;
  /** The expand frame's outline and handles on screen, for the React-drawn part of the UI layer. */
  readonly frameUi = new ValueStore<FrameUi | null>(null, (ui) => JSON.stringify(ui));
  /** The CSS cursor over the stage: what a press would do there. */
  readonly cursor = new ValueStore<string>('', (cursor) => cursor);
  readonly #picture = new BaseImage();
  readonly #exporter = new MaskExporter();
  #nodes: MaskStageNodes | null = null;
  #scene: SceneLayer | null = null;
  #overlay: OverlayLayer | null = null;
  #ui: UiLayer | null = null;
  #input: PointerInput | null = null;
  #unsubscribeRender: (() => void) | null = null;
  #frameId: number | null = null;

  constructor(options?: MaskEditorCoreOptions) {
    this.core = new MaskEditorCore(options);
  }

  /** Starts drawing into the stage React made and taking its pointer input. */
  attach(nodes: MaskStageNodes): void {
    if (this.#nodes) this.detach();
    this.#nodes = nodes;
    this.#scene = new SceneLayer(nodes.scene);
    this.#overlay = new OverlayLayer(nodes.overlay);
    this.#ui = new UiLayer(nodes.ui, nodes.live, this.core, this.frameUi, this.cursor);
    this.#input = new PointerInput(nodes.stage.content, this.core, nodes.focusTarget, () => this.#requestFrame());
    this.#unsubscribeRender = this.core.subscribeRender(() => this.#requestFrame());
    this.#render();
  }

  /** Stops drawing and listening. The mask stays, so attaching again (StrictMode) keeps it. */
  detach(): void {
    this.core.cancelInteraction();
    if (this.#frameId !== null) cancelAnimationFrame(this.#frameId);
    this.#frameId = null;
    this.#input?.dispose();
    this.#unsubscribeRender?.();
    this.#unsubscribeRender = null;
    this.#nodes?.live.destroyChildren();
    this.#ui?.reset();
    this.#nodes = this.#scene = this.#overlay = this.#ui = this.#input = null;
  }

  /** The stage's size in CSS pixels (React sizes the stage; the camera fits to it). */
  setViewport(size: { width: number; height: number }): void {
    this.core.setViewport(size);
    this.#requestFrame();
  }

  /** Sets the base and loads its image; see `MaskEditorCore.setBase` for what happens to the mask. */
  setBase(base: MaskBase | null): boolean {
    const changed = this.core.setBase(base);
    if (changed && base?.url !== this.#picture.url) {
      this.#picture.load(
        base,
        (url, status) => this.core.setImageStatus(url, status),
        () => this.#requestFrame(),
      );
    } else if (changed && base) this.core.setImageStatus(base.url, this.#picture.image ? 'ready' : 'loading');
    return changed;
  }

  /** Runs a registry command if enabled; the toolbar and the keyboard both come through here. */
  runCommand(name: MaskCommandName): boolean {
    return runMaskCommand(this.core, name);
  }

  // ── what e2e tests and the benchmark read on the stage element ───────────────

  /** The mask model (null without a base). Read it; change it only through the editor. */
  get document(): MaskDocument | null {
    return this.core.document;
  }
  getMaskDocument(): MaskDocument | null {
    return this.core.document;
  }
  get camera(): Camera {
    return this.core.camera;
  }
  get canvasFrame(): ExpandFrame | null {
    return this.core.canvasFrame;
  }
  hasMask(): boolean {
    return this.core.hasMask();
  }
  loadMaskPng(bytes: Uint8Array, label?: string): void {
    this.core.loadMaskPng(bytes, label);
  }

  /** The mask PNG, encoded in a worker (main thread if the worker cannot start). */
  async exportMaskPng(): Promise<Blob | null> {
    const doc = this.core.document;
    if (!doc || !this.core.hasMask()) return null;
    const alpha = doc.alpha();
    try {
      return await this.#exporter.encode(doc.width, doc.height, alpha);
    } catch {
      const png = encodeMaskPng(doc.width, doc.height, alpha);
      return new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
  }

  // ── rendering ────────────────────────────────────────────────────────────────

  #requestFrame(): void {
    if (this.#frameId !== null || !this.#nodes) return;
    this.#frameId = requestAnimationFrame(() => {
      // Keep #frameId set while flushing so invalidations from the flush don't queue a 2nd frame.
      this.#input?.flush();
      this.#render();
      this.#frameId = null;
    });
  }

  #render(): void {
    if (!this.#scene || !this.#overlay || !this.#ui) return;
    const core = this.core;
    const snapshot = core.getSnapshot();
    const camera = core.camera;
    this.#scene.render(camera, snapshot.base, snapshot.base ? core.expandFrame : null, this.#picture);
    this.#overlay.render(camera, core.document, {
      color: snapshot.overlayColor,
      pattern: snapshot.overlayPattern,
      opacity: snapshot.overlayOpacity,
    });
    this.#ui.render();
    this.framesDrawn += 1;
  }
}
