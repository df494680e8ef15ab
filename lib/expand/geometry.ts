/**
 * Expand canvas geometry: where the original sits inside a larger canvas of a chosen ratio. Plain TypeScript, shared
 * by the editor's preview, the server that builds the padded image, and the tests, so all three agree to the pixel.
 */
import { ASPECT_RATIOS, type FixedRatio } from '@/lib/jobs/options';
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

export const FIXED_RATIOS: readonly FixedRatio[] = ASPECT_RATIOS.filter((r): r is FixedRatio => r !== 'auto');

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
 * The smallest canvas of `ratio` that holds the whole original (it only grows, never crops), the original placed at
 * `placement`, scaled down as a whole when the canvas would pass the caps.
 */
export function expandLayout(original: Size, choice: ExpandChoice): ExpandLayout {
  const r = ratioValue(choice.ratio);
  let width = original.width;
  let height = original.height;
  if (width / height < r) width = Math.max(width, Math.round(height * r));
  else height = Math.max(height, Math.round(width / r));

  const scale = Math.min(1, MAX_CANVAS_SIDE / Math.max(width, height), Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
  const canvas = scale < 1 ? { width: Math.round(width * scale), height: Math.round(height * scale) } : { width, height };
  const inner =
    scale < 1
      ? {
          width: Math.min(canvas.width, Math.max(1, Math.round(original.width * scale))),
          height: Math.min(canvas.height, Math.max(1, Math.round(original.height * scale))),
        }
      : { ...original };
  const x = clamp01(choice.placement.x);
  const y = clamp01(choice.placement.y);
  return {
    canvas,
    inner,
    scale,
    offset: { x: Math.round((canvas.width - inner.width) * x), y: Math.round((canvas.height - inner.height) * y) },
  };
}

/** A sentence for the user when the canvas had to be scaled down, or null. */
export function downscaleNote(original: Size, layout: ExpandLayout): string | null {
  if (layout.scale >= 1) return null;
  return `The expanded canvas would be too large, so it is scaled to ${layout.canvas.width} × ${layout.canvas.height} px (the original to ${layout.inner.width} × ${layout.inner.height}, from ${original.width} × ${original.height}).`;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

/**
 * The expanded canvas in the original's own pixels (what the mask editor draws around the base), or null when the
 * ratio is `auto`. The editor keeps painting on the original; the new area is repainted regardless.
 */
export function expandFrame(original: Size, ratio: string, placement: Placement): { x: number; y: number; width: number; height: number } | null {
  if (!(FIXED_RATIOS as readonly string[]).includes(ratio)) return null;
  const { canvas, offset, scale } = expandLayout(original, { ratio: ratio as FixedRatio, placement });
  return { x: -offset.x / scale, y: -offset.y / scale, width: canvas.width / scale, height: canvas.height / scale };
}
