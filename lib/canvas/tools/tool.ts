import type { PreparedCoverage, MaskDocument } from '@/lib/mask/document';
import type { MaskMode, MaskOperation } from '@/lib/mask/types';
import { stageToImage, type Camera, type Point, type Size } from '../camera';
import type { PointerInput, PointerSample } from '../editor-types';
import { flipMode, type EditorSettings } from '../settings';
import type { ShapeDraft } from './shape-draft';

/** What a tool's gesture in progress is called in the snapshot (`interaction`). */
export type ToolInteraction = 'idle' | 'drawing' | 'shaping' | 'framing' | 'panning';

/** Keys a tool may use on the focused canvas, already read from the keyboard (arrows carry their step). */
export type ToolKey =
  | { readonly kind: 'enter' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'nudge'; readonly dx: number; readonly dy: number; readonly resize: boolean };

/** What the router knows when it asks a tool for the CSS cursor. */
export interface CursorContext {
  /** The pointer over the stage (stage px), or null when it left. */
  readonly hover: Point | null;
  /** A gesture of any tool is in progress. */
  readonly busy: boolean;
  /** The brush ring is shown (a press would paint or erase here). */
  readonly brushRing: boolean;
}

/**
 * The editor as a tool sees it: the document, the camera, the settings, and how to commit. Tools never emit
 * snapshots of their own making or hold the document: they ask through this.
 */
export interface ToolContext {
  /** Never null while a tool receives pointer input (the router drops presses without a base). */
  readonly document: MaskDocument | null;
  readonly camera: Camera;
  readonly viewport: Size;
  readonly settings: EditorSettings;
  /** Moves the camera (a pan, a drag that the view follows); `fitted` false unless it is a fit. */
  setCamera(camera: Camera): void;
  /** Pushes one history entry; a stroke in progress is dropped first. */
  push(op: MaskOperation, coverage?: PreparedCoverage | null): void;
  /** The snapshot may have changed (a gesture began or ended). */
  emit(): void;
  /** Only the picture changed (a gesture moved): redraw, no new snapshot. */
  invalidate(): void;
}

/**
 * One editing tool, a small state machine (idle → gesture → idle, cancelled by Esc or a lost pointer), in the
 * shape of tldraw's tool states. The input router decides which tool gets a press; a tool that returns true from
 * `onPointerDown` owns that pointer until its up or cancel. Moves of pointers a tool does not own (hover) reach
 * the active tool too, and are ignored unless it follows the hover (the polygon lasso's closing line).
 * Positions are stage pixels; tools turn them into image pixels with `ctx.camera`.
 */
export interface EditorTool {
  readonly interaction: ToolInteraction;
  onPointerDown(input: PointerInput): boolean;
  onPointerMove(pointerId: number, points: readonly PointerSample[], modifiers: { shiftKey: boolean }): void;
  onPointerUp(pointerId: number): void;
  /** pointercancel or lost capture: drops the gesture of this pointer; returns whether there was one. */
  onPointerCancel(pointerId: number): boolean;
  /** Esc, a second finger, a new base: drops whatever is in progress; returns whether there was anything. */
  cancel(): boolean;
  /** Another tool was chosen. */
  onExit?(): void;
  onKey(key: ToolKey): boolean;
  /** The CSS cursor over the stage with this tool ('' for the default). */
  cursor(context: CursorContext): string;
  /** The shape outline to draw while one is being made (image px), for the UI layer. */
  readonly shapeDraft?: ShapeDraft | null;
}

/** Add or subtract for a press: the right button, the pen's eraser end and Alt invert the chosen mode. */
export function pressMode(input: PointerInput, settings: EditorSettings): MaskMode {
  return isErasePress(input) || input.altKey ? flipMode(settings.shapeMode) : settings.shapeMode;
}

/** Right button (2) and the pen's eraser end (5) always erase. */
export function isErasePress(input: PointerInput): boolean {
  return input.button === 2 || input.button === 5;
}

/** Stage samples as image points, pressure kept. */
export function toImagePoints(camera: Camera, points: readonly PointerSample[]) {
  return points.map((p) => ({ ...stageToImage(camera, p), pressure: p.pressure }));
}
