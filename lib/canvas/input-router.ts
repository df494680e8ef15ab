import { panCamera, zoomCameraAt, type Point } from './camera';
import type { MaskTool, MaskEditorSnapshot, PointerInput, PointerSample } from './editor-types';
import { TouchGesture } from './touch-gesture';
import type { FrameTool } from './tools/frame-tool';
import type { PanTool } from './tools/pan-tool';
import type { EditorTool, ToolContext } from './tools/tool';

/** A pen that lifted less than this long ago still rejects touches (the palm lands after the pen). */
export const PALM_GRACE_MS = 500;

/** The tools the router dispatches to: one per choice in the toolbar, plus pan and the frame handles. */
export interface RouterTools {
  readonly byName: Readonly<Record<MaskTool, EditorTool>>;
  readonly pan: PanTool;
  readonly frame: FrameTool;
}

/**
 * Pointer input → tools. Decides who gets a press, in this order: palm rejection (touches while a pen is down or
 * just lifted are a resting hand), two fingers (pan and zoom, dropping whatever one finger began), a gesture
 * already in progress (other pointers are refused), pan (middle button, Space), an expand frame handle, then the
 * chosen tool. The tool that takes a press owns that pointer: its moves, up and cancel go to it and nowhere else.
 */
export class InputRouter {
  readonly #touch = new TouchGesture();
  readonly #owners = new Map<number, EditorTool>();
  #penDown: number | null = null;
  #penUpAt = -Infinity;
  #hover: Point | null = null;
  /** Each tool once, pan first (the order `interaction` reports them in). */
  readonly #everyTool: readonly EditorTool[];

  constructor(
    private readonly ctx: ToolContext,
    private readonly tools: RouterTools,
    private readonly now: () => number,
  ) {
    this.#everyTool = [...new Set<EditorTool>([tools.pan, ...Object.values(tools.byName), tools.frame])];
  }

  /** The tool the toolbar has chosen. */
  get activeTool(): EditorTool {
    return this.tools.byName[this.ctx.settings.tool];
  }

  /** Last pointer position over the stage (stage px), for the brush cursor; null once it left. */
  get hover(): Point | null {
    return this.#hover;
  }

  get interaction(): MaskEditorSnapshot['interaction'] {
    if (this.#touch.count >= 2) return 'pinching';
    for (const tool of this.#everyTool) if (tool.interaction !== 'idle') return tool.interaction;
    return 'idle';
  }

  /** Starts a gesture. Returns true when a tool took the pointer (the view captures it). */
  pointerDown(input: PointerInput): boolean {
    const type = input.pointerType ?? 'mouse';
    if (type === 'pen') {
      this.#penDown = input.pointerId;
      this.#touch.clear(); // a palm already resting is not a gesture
    }
    if (type === 'touch') return this.#touchDown(input);
    this.#hover = { x: input.x, y: input.y };
    if (!this.ctx.document || this.#owners.size > 0) return false;
    if (this.tools.pan.wants(input)) return this.#dispatch(this.tools.pan, input);
    if (input.button !== 0 && input.button !== 2 && input.button !== 5) return false;
    return this.#startTool(input);
  }

  /** A frame's batch of (coalesced) positions for one pointer. */
  pointerMove(pointerId: number, points: readonly PointerSample[], modifiers: { shiftKey?: boolean } = {}): void {
    const last = points.at(-1);
    if (!last) return;
    if (this.#touch.has(pointerId)) {
      for (const p of points) {
        const step = this.#touch.move(pointerId, p);
        if (step)
          this.ctx.setCamera(panCamera(zoomCameraAt(this.ctx.camera, step.factor, step.anchor), step.dx, step.dy));
      }
      if (this.#touch.count >= 2) return this.ctx.emit();
    }
    this.#hover = { x: last.x, y: last.y };
    const tool = this.#owners.get(pointerId) ?? this.activeTool;
    tool.onPointerMove(pointerId, points, { shiftKey: modifiers.shiftKey === true });
    this.ctx.invalidate();
  }

  /** Ends the gesture of `pointerId`; its tool commits it (one history entry) here, once. */
  pointerUp(pointerId: number): void {
    if (this.#penDown === pointerId) {
      this.#penDown = null;
      this.#penUpAt = this.now();
    }
    if (this.#touch.has(pointerId)) {
      const wasPinching = this.#touch.count >= 2;
      this.#touch.up(pointerId);
      if (wasPinching) return this.ctx.emit();
    }
    const owner = this.#owners.get(pointerId);
    this.#owners.delete(pointerId);
    owner?.onPointerUp(pointerId);
  }

  /** pointercancel or lost capture: the gesture is dropped, nothing is recorded. */
  pointerCancel(pointerId: number): void {
    if (this.#penDown === pointerId) this.#penDown = null;
    const touched = this.#touch.has(pointerId);
    this.#touch.up(pointerId);
    const owner = this.#owners.get(pointerId);
    this.#owners.delete(pointerId);
    if (owner?.onPointerCancel(pointerId) || touched) this.ctx.emit();
  }

  pointerLeave(): void {
    if (!this.#hover) return;
    this.#hover = null;
    this.ctx.invalidate();
  }

  /** Esc: drops every gesture in progress without touching the mask; returns whether there was one. */
  cancel(): boolean {
    let had = false;
    for (const tool of this.#everyTool) had = tool.cancel() || had;
    this.#owners.clear();
    return had;
  }

  /** A new base: gestures, touches and the hover are forgotten. */
  reset(): void {
    this.cancel();
    this.#touch.clear();
  }

  /** The CSS cursor for what a press would do here: pan, drag a frame handle, or the chosen tool's. */
  get cursor(): string {
    const context = { hover: this.#hover, busy: this.interaction !== 'idle', brushRing: this.showsBrushRing };
    if (this.ctx.settings.panMode) return this.tools.pan.cursor();
    return this.tools.frame.cursor(context) || this.activeTool.cursor(context);
  }

  /** The brush ring follows the pointer when a press would paint or erase here. */
  get showsBrushRing(): boolean {
    const tool = this.ctx.settings.tool;
    const hover = this.#hover;
    if ((tool !== 'brush' && tool !== 'eraser') || !hover || !this.ctx.document || this.ctx.settings.panMode)
      return false;
    const interaction = this.interaction;
    if (interaction === 'panning' || interaction === 'framing') return false;
    return interaction !== 'idle' || this.tools.frame.handleAt(hover) === null;
  }

  #touchDown(input: PointerInput): boolean {
    // Palm rejection: while a pen is down (or just lifted), touches are a resting hand.
    if (this.#penDown !== null || this.now() - this.#penUpAt < PALM_GRACE_MS || !this.ctx.document) return false;
    this.#touch.down(input.pointerId, { x: input.x, y: input.y });
    if (this.#touch.count === 2) {
      // The second finger turns a just-started one-finger gesture into a pan/zoom; nothing is recorded.
      for (const tool of this.#everyTool) if (tool !== this.tools.pan) tool.cancel();
      this.#owners.clear();
      this.#hover = null;
      this.ctx.emit();
      return true;
    }
    if (this.#touch.count > 2 || this.#owners.size > 0) return this.#touch.count > 2;
    return this.#startTool(input);
  }

  /** A frame handle under a primary press wins over the chosen tool. */
  #startTool(input: PointerInput): boolean {
    const tool = this.tools.frame.wants(input) ? this.tools.frame : this.activeTool;
    return this.#dispatch(tool, input);
  }

  #dispatch(tool: EditorTool, input: PointerInput): boolean {
    const taken = tool.onPointerDown(input);
    if (taken) this.#owners.set(input.pointerId, tool);
    return taken;
  }
}
