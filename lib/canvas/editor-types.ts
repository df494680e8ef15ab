import type { MaskMode } from '@/lib/mask/types';
import type { Size } from './camera';

/** `move` drags the original inside the expanded canvas (only while expanding); the others edit the mask. */
export type MaskTool = 'brush' | 'eraser' | 'rectangle' | 'ellipse' | 'lasso' | 'polygon' | 'fill' | 'move';
export type OverlayPattern = 'solid' | 'stripes' | 'dots';
export type { MaskMode };
export type ImageStatus = 'none' | 'loading' | 'ready' | 'error';

/** The base image: its URL and its displayed (EXIF-oriented) size in pixels. */
export interface MaskBase {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** What the UI shows. Immutable; a new object only when one of these values changed. */
export interface MaskEditorSnapshot {
  readonly tool: MaskTool;
  readonly brushSize: number;
  readonly brushHardness: number;
  readonly minBrushSize: number;
  readonly maxBrushSize: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly hasMask: boolean;
  /** Stage pixels per image pixel. */
  readonly zoom: number;
  readonly isFitted: boolean;
  readonly base: MaskBase | null;
  readonly imageStatus: ImageStatus;
  /** Size of the mask document (always the base size); 0 × 0 without a base. */
  readonly maskWidth: number;
  readonly maskHeight: number;
  /** `framing`: an expand frame handle or the original is being dragged. */
  readonly interaction: 'idle' | 'drawing' | 'panning' | 'shaping' | 'pinching' | 'framing';
  /** An expanded canvas is shown around the base (its handles can be dragged, the Move original tool works). */
  readonly expanding: boolean;
  /** Space held: primary-button drags pan instead of paint. */
  readonly panMode: boolean;
  /** Whether shapes, lasso and fill add to the mask or subtract from it (X swaps). */
  readonly shapeMode: MaskMode;
  /** N for grow, shrink and feather, in image pixels. */
  readonly adjustRadius: number;
  readonly overlayColor: string;
  readonly overlayOpacity: number;
  readonly overlayPattern: OverlayPattern;
  /** What happened to the mask when the base last changed (kept, rescaled), or null. */
  readonly baseNote: string | null;
  /** Where the current mask came from when it was imported or computed ("Imported coffee-mask.png"). */
  readonly notice: string | null;
  /** The `?` sheet listing every shortcut is open. */
  readonly shortcutSheet: boolean;
}

/** A pointer event reduced to what the editor needs; x/y in stage (CSS) pixels. */
export interface PointerInput {
  readonly pointerId: number;
  readonly x: number;
  readonly y: number;
  /** DOM `button`: 0 primary (also pen and touch), 1 middle, 2 right, 5 pen eraser. */
  readonly button: number;
  readonly pointerType?: 'mouse' | 'pen' | 'touch' | string;
  /** Pen pressure 0..1 (ignored for mouse and touch, which always report 0.5). */
  readonly pressure?: number;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  /** Click count (2 on a double-click), closes the polygon lasso. */
  readonly detail?: number;
}

/** A pointer move: position plus the pen's pressure, stage coordinates. */
export interface PointerSample {
  readonly x: number;
  readonly y: number;
  readonly pressure?: number;
}

export const MIN_BRUSH_SIZE = 1;

/** Default brush: ~6 % of the shorter side (24 px on 600 × 400), never below 8 px. */
export function defaultBrushSize(image: Size | null): number {
  if (!image) return 24;
  return Math.max(8, Math.round(Math.min(image.width, image.height) * 0.06));
}

export function maxBrushSize(image: Size | null): number {
  if (!image) return 200;
  return Math.max(64, Math.round(Math.min(image.width, image.height) / 2));
}
