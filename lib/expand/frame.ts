/**
 * Editing the expand frame: the canvas of one of the API's ratios around the original, held as (ratio, canvas size,
 * the original's offset) in the original's pixels. A ratio pick, a placement pick, an edge or corner drag, dragging
 * the original and an arrow-key nudge are all functions from one frame to the next, so the editor's handles, the
 * panel's controls and the server agree. Every function returns a frame that holds the whole original and has the
 * shape of its ratio (`frameProblem` says why one does not).
 */
import { nearestRatio, type FixedRatio } from '@/lib/jobs/options';
import {
  CENTRE,
  frameForRatio,
  MAX_CANVAS_SIDE,
  minimalCanvas,
  offsetAt,
  placementOf,
  ratioValue,
  type ExpandFrame,
  type Placement,
  type Point,
  type Size,
} from './geometry';

/** A side or corner handle of the frame, by compass point (n = top edge). */
export type FrameHandle = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';
export const FRAME_HANDLES: readonly FrameHandle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frame as a rectangle in the original's pixels, the original at (0, 0): what the editor draws. */
export function frameRect(frame: ExpandFrame): Rect {
  return { x: -frame.offset.x, y: -frame.offset.y, width: frame.canvas.width, height: frame.canvas.height };
}

/** "16:9 · 711 × 400 px": what a frame makes, for labels and announcements. */
export function frameLabel(frame: ExpandFrame): string {
  return `${frame.ratio} · ${frame.canvas.width} × ${frame.canvas.height} px`;
}

/**
 * The longest canvas side a drag may reach, in the original's pixels. Past `MAX_CANVAS_SIDE` the server scales the
 * whole canvas down (with a note); past this, the original would shrink to a sliver for nothing. Three times the
 * original's long side covers the minimal canvas of every ratio (the widest, 21:9, is 2.33 times).
 */
export function maxFrameSide(original: Size): number {
  return Math.max(MAX_CANVAS_SIDE, 3 * Math.max(original.width, original.height));
}

/** Why `frame` cannot expand `original` (one sentence for the user), or null when it can. */
export function frameProblem(original: Size, frame: ExpandFrame): string | null {
  const { canvas, offset, ratio } = frame;
  const ints = [canvas.width, canvas.height, offset.x, offset.y].every(Number.isInteger);
  if (!ints || canvas.width < 1 || canvas.height < 1) return 'The expanded canvas must be whole pixels.';
  const described = `The expanded canvas ${canvas.width} × ${canvas.height}`;
  if (canvas.width < original.width || canvas.height < original.height) {
    return `${described} is smaller than the original (${original.width} × ${original.height}); it can only grow.`;
  }
  if (
    offset.x < 0 ||
    offset.y < 0 ||
    offset.x > canvas.width - original.width ||
    offset.y > canvas.height - original.height
  ) {
    return `${described} does not hold the whole original at (${offset.x}, ${offset.y}).`;
  }
  const r = ratioValue(ratio);
  if (canvas.width !== Math.round(canvas.height * r) && canvas.height !== Math.round(canvas.width / r)) {
    return `${described} is not ${ratio}, the ratio the API will render.`;
  }
  if (Math.max(canvas.width, canvas.height) > maxFrameSide(original)) {
    return `${described} is larger than ${maxFrameSide(original)} px a side.`;
  }
  return null;
}

/**
 * The frame for `ratio`: `frame` itself when it already is a valid frame of that ratio for this original, else the
 * smallest canvas of `ratio` with the original where it sat (centred without a frame). The studio derives the frame
 * it shows this way, so a ratio changed elsewhere (the Aspect ratio option, a preset, a new base) never leaves a
 * frame of another shape behind.
 */
export function conformFrame(frame: ExpandFrame | null, original: Size, ratio: FixedRatio): ExpandFrame {
  if (frame && frame.ratio === ratio && frameProblem(original, frame) === null) return frame;
  return frameForRatio(original, ratio, frame ? placementOf(original, frame) : CENTRE);
}

/** Picks another ratio: its smallest canvas, the original at the same share of the free space. */
export function withRatio(frame: ExpandFrame, original: Size, ratio: FixedRatio): ExpandFrame {
  return frameForRatio(original, ratio, placementOf(original, frame));
}

/** Places the original at one of the named spots (or any 0–1 pair) in the same canvas. */
export function placeOriginal(frame: ExpandFrame, original: Size, placement: Placement): ExpandFrame {
  return { ...frame, offset: offsetAt(original, frame.canvas, placement) };
}

/** Moves the original by `delta` canvas pixels (a drag or a nudge), stopping at the canvas's edges. */
export function moveOriginal(frame: ExpandFrame, original: Size, delta: Point): ExpandFrame {
  return {
    ...frame,
    offset: {
      x: clampInt(frame.offset.x + delta.x, 0, frame.canvas.width - original.width),
      y: clampInt(frame.offset.y + delta.y, 0, frame.canvas.height - original.height),
    },
  };
}

const NUDGES: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** An arrow key moves the original 1 px (10 px with Shift); any other key gives null (not ours). */
export function nudgeOriginal(frame: ExpandFrame, original: Size, key: string, shiftKey: boolean): ExpandFrame | null {
  const step = NUDGES[key];
  if (!step) return null;
  const by = shiftKey ? 10 : 1;
  return moveOriginal(frame, original, { x: step.x * by, y: step.y * by });
}

/**
 * Drags a side or corner of the frame by `delta` (in the original's pixels) from where it was when the drag began.
 * The dragged edges stop at the original (it stays whole inside); the opposite edge stays put.
 * - Ratio locked: the frame keeps its ratio. A side drag sets that dimension and grows or shrinks the other one
 *   evenly on both sides; a corner follows the pointer along the ratio's diagonal.
 * - Unlocked: the frame snaps to the API ratio nearest the dragged shape. A side drag keeps the other dimension and
 *   moves the edge in steps, to where the ratio is exact; a corner takes the nearest ratio's diagonal.
 * Either way the canvas never gets smaller than the original's smallest canvas of that ratio.
 */
export function resizeFrame(
  start: ExpandFrame,
  original: Size,
  handle: FrameHandle,
  delta: Point,
  options: { ratioLocked: boolean },
): ExpandFrame {
  const from = frameRect(start);
  const west = handle.includes('w');
  const east = handle.includes('e');
  const north = handle.includes('n');
  const south = handle.includes('s');
  const left = west ? Math.min(0, from.x + delta.x) : from.x;
  const right = east ? Math.max(original.width, from.x + from.width + delta.x) : from.x + from.width;
  const top = north ? Math.min(0, from.y + delta.y) : from.y;
  const bottom = south ? Math.max(original.height, from.y + from.height + delta.y) : from.y + from.height;
  const want = { width: right - left, height: bottom - top };

  const { ratioLocked } = options;
  const ratio = ratioLocked ? start.ratio : nearestRatio(want.width, want.height);
  const r = ratioValue(ratio);
  let size: Size;
  if ((west || east) && (north || south)) size = byHeight((want.width * r + want.height) / (r * r + 1), r);
  else if (west || east) size = ratioLocked ? byWidth(want.width, r) : byHeight(want.height, r);
  else size = ratioLocked ? byHeight(want.height, r) : byWidth(want.width, r);
  size = atMost(atLeast(size, minimalCanvas(original, ratio)), r, maxFrameSide(original));

  // The edge opposite the dragged one stays; an axis nobody dragged grows or shrinks about its middle.
  const x = west && !east ? right - size.width : east && !west ? left : from.x + (from.width - size.width) / 2;
  const y = north && !south ? bottom - size.height : south && !north ? top : from.y + (from.height - size.height) / 2;
  return {
    ratio,
    canvas: size,
    offset: { x: clampInt(-x, 0, size.width - original.width), y: clampInt(-y, 0, size.height - original.height) },
  };
}

function byWidth(width: number, r: number): Size {
  const w = Math.max(1, Math.round(width));
  return { width: w, height: Math.max(1, Math.round(w / r)) };
}

function byHeight(height: number, r: number): Size {
  const h = Math.max(1, Math.round(height));
  return { width: Math.max(1, Math.round(h * r)), height: h };
}

function atLeast(size: Size, minimum: Size): Size {
  return size.width >= minimum.width && size.height >= minimum.height ? size : minimum;
}

function atMost(size: Size, r: number, side: number): Size {
  if (Math.max(size.width, size.height) <= side) return size;
  return size.width >= size.height ? byWidth(side, r) : byHeight(side, r);
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
