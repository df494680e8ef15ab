/**
 * Expand canvas geometry: where the original sits inside a larger canvas of a chosen ratio. Plain TypeScript, shared
 * by the editor's preview, the server that builds the padded image, and the tests, so all three agree to the pixel.
 */
import { FIXED_RATIOS, type FixedRatio } from '@/lib/jobs/options';
import { MAX_PIXELS, MAX_SIDE_PX } from '@/lib/references/rules';

export type Size = { width: number; height: number };

/** Where the original sits in the free space: 0 = left/top edge, 0.5 = centred, 1 = right/bottom edge. */
export interface Placement {
  x: number;
  y: number;
}

/** What the user chose; everything else is derived from it and the original's size. */
export interface ExpandChoice {
  ratio: FixedRatio;
  placement: Placement;
}

/** A canvas in pixels: its size, the original's offset and size inside it (scaled when the canvas was capped). */
export interface ExpandLayout {
  canvas: Size;
  offset: { x: number; y: number };
  /** Size the original is drawn at; equal to the original unless `scale` < 1. */
  inner: Size;
  /** 1, or less when the canvas had to shrink to stay within the pixel caps. */
  scale: number;
}

export { FIXED_RATIOS };

/** Nine named spots, the ones a placement grid offers; any other 0–1 pair comes from dragging. */
export const PLACEMENTS: Record<string, Placement> = {
  'top left': { x: 0, y: 0 },
  top: { x: 0.5, y: 0 },
  'top right': { x: 1, y: 0 },
  left: { x: 0, y: 0.5 },
  centre: { x: 0.5, y: 0.5 },
  right: { x: 1, y: 0.5 },
  'bottom left': { x: 0, y: 1 },
  bottom: { x: 0.5, y: 1 },
  'bottom right': { x: 1, y: 1 },
};

export const CENTRE: Placement = { x: 0.5, y: 0.5 };

/** Ratio presets a marketing team reaches for. */
export const RATIO_PRESETS: { name: string; ratios: FixedRatio[] }[] = [
  { name: 'Social set', ratios: ['1:1', '4:5', '9:16', '16:9'] },
  { name: 'Banners', ratios: ['16:9', '2:1', '21:9'] },
  { name: 'Every ratio', ratios: [...FIXED_RATIOS] },
];

/**
 * Upstream takes images up to a modest size (the largest output is 3840 px a side) and our own caps are
 * MAX_SIDE_PX / MAX_PIXELS; a canvas past this long side is scaled down as a whole, original included.
 */
export const MAX_CANVAS_SIDE = Math.min(4096, MAX_SIDE_PX);
export const MAX_CANVAS_PIXELS = Math.min(16_777_216, MAX_PIXELS);

export function ratioValue(ratio: FixedRatio): number {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  return w / h;
}

/**
 * The expanded canvas as the user set it, in the original's own pixels (before any downscale): a canvas of `ratio`
 * (to the pixel: one side is the other times the ratio, rounded) holding the whole original at `offset`. Picking a
 * ratio, picking a placement, dragging an edge and dragging the original all change this one state (`frame.ts`).
 */
export interface ExpandFrame {
  ratio: FixedRatio;
  canvas: Size;
  /** Where the original's top-left corner sits in the canvas; 0 ≤ offset ≤ canvas − original on each axis. */
  offset: Point;
}

export type Point = { x: number; y: number };

/** The smallest canvas of `ratio` that holds the whole original: it only grows, never crops. */
export function minimalCanvas(original: Size, ratio: FixedRatio): Size {
  const r = ratioValue(ratio);
  if (original.width / original.height < r)
    return { width: Math.max(original.width, Math.round(original.height * r)), height: original.height };
  return { width: original.width, height: Math.max(original.height, Math.round(original.width / r)) };
}

/** The smallest canvas of `ratio` holding the original, the original placed at `placement` (0–1 of the free space). */
export function frameForRatio(original: Size, ratio: FixedRatio, placement: Placement): ExpandFrame {
  const canvas = minimalCanvas(original, ratio);
  return { ratio, canvas, offset: offsetAt(original, canvas, placement) };
}

/** The original's offset at `placement` (0 = left/top, 0.5 = centred, 1 = right/bottom) of the free space. */
export function offsetAt(original: Size, canvas: Size, placement: Placement): Point {
  return {
    x: Math.round((canvas.width - original.width) * clamp01(placement.x)),
    y: Math.round((canvas.height - original.height) * clamp01(placement.y)),
  };
}

/** Where the original sits as a share of the free space on each axis (0.5 where there is none). */
export function placementOf(original: Size, frame: Pick<ExpandFrame, 'canvas' | 'offset'>): Placement {
  const freeX = frame.canvas.width - original.width;
  const freeY = frame.canvas.height - original.height;
  return { x: freeX > 0 ? frame.offset.x / freeX : 0.5, y: freeY > 0 ? frame.offset.y / freeY : 0.5 };
}

/** The smallest canvas of the choice's ratio holding the original at its placement, capped as `layoutFrame` says. */
export function expandLayout(original: Size, choice: ExpandChoice): ExpandLayout {
  return layoutFrame(original, frameForRatio(original, choice.ratio, choice.placement));
}

/**
 * The pixels the server builds for a frame: the canvas and the original's offset, all scaled down together when the
 * canvas would pass `MAX_CANVAS_SIDE`/`MAX_CANVAS_PIXELS` (`scale` < 1, explained by `downscaleNote`).
 */
export function layoutFrame(original: Size, frame: ExpandFrame): ExpandLayout {
  return layoutCanvas(original, frame);
}

/**
 * A canvas of any shape around the original (a batch recipe's margins): each side grows by its share of the
 * original's size on that axis, capped as `layoutFrame` says.
 */
export function marginLayout(
  original: Size,
  margins: { top: number; right: number; bottom: number; left: number },
): ExpandLayout {
  const offset = { x: Math.round(original.width * margins.left), y: Math.round(original.height * margins.top) };
  const canvas = {
    width: offset.x + original.width + Math.round(original.width * margins.right),
    height: offset.y + original.height + Math.round(original.height * margins.bottom),
  };
  return layoutCanvas(original, { canvas, offset });
}

function layoutCanvas(original: Size, frame: Pick<ExpandFrame, 'canvas' | 'offset'>): ExpandLayout {
  const { width, height } = frame.canvas;
  const scale = Math.min(1, MAX_CANVAS_SIDE / Math.max(width, height), Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
  if (scale >= 1) return { canvas: { width, height }, inner: { ...original }, offset: { ...frame.offset }, scale: 1 };
  const canvas = { width: Math.round(width * scale), height: Math.round(height * scale) };
  const inner = {
    width: Math.min(canvas.width, Math.max(1, Math.round(original.width * scale))),
    height: Math.min(canvas.height, Math.max(1, Math.round(original.height * scale))),
  };
  // The same share of the free space, so an original flush with an edge stays flush after rounding.
  const offset = offsetAt(inner, canvas, placementOf(original, frame));
  return { canvas, inner, offset, scale };
}

/** A sentence for the user when the canvas had to be scaled down, or null. */
export function downscaleNote(original: Size, layout: ExpandLayout): string | null {
  if (layout.scale >= 1) return null;
  return `The expanded canvas would be too large, so it is scaled to ${layout.canvas.width} × ${layout.canvas.height} px (the original to ${layout.inner.width} × ${layout.inner.height}, from ${original.width} × ${original.height}).`;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
