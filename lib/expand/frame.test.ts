import { describe, expect, it } from 'vitest';
import type { FixedRatio } from '@/lib/jobs/options';
import {
  conformFrame,
  FRAME_HANDLES,
  frameProblem,
  frameRect,
  maxFrameSide,
  moveOriginal,
  nudgeOriginal,
  placeOriginal,
  resizeFrame,
  withRatio,
} from './frame';
import {
  CENTRE,
  FIXED_RATIOS,
  frameForRatio,
  layoutFrame,
  PLACEMENTS,
  placementOf,
  ratioValue,
  type ExpandFrame,
} from './geometry';

const ORIGINAL = { width: 600, height: 400 };
/** 600 × 400 centred in 16:9: the canvas the studio starts from. */
const START: ExpandFrame = { ratio: '16:9', canvas: { width: 711, height: 400 }, offset: { x: 56, y: 0 } };
const locked = { ratioLocked: true };
const free = { ratioLocked: false };

describe('frame model', () => {
  it('starts as the smallest canvas of the ratio, the original centred', () => {
    expect(frameForRatio(ORIGINAL, '16:9', CENTRE)).toEqual(START);
    expect(frameRect(START)).toEqual({ x: -56, y: -0, width: 711, height: 400 });
    expect(frameProblem(ORIGINAL, START)).toBeNull();
  });

  describe('edge drag, ratio locked', () => {
    it('the right edge sets the width, the height follows about the middle, the left edge stays', () => {
      const next = resizeFrame(START, ORIGINAL, 'e', { x: 178, y: 0 }, locked);
      expect(next).toEqual({ ratio: '16:9', canvas: { width: 889, height: 500 }, offset: { x: 56, y: 50 } });
      expect(frameProblem(ORIGINAL, next)).toBeNull();
    });

    it('the top edge sets the height, the width grows evenly on both sides, the bottom edge stays', () => {
      const next = resizeFrame(START, ORIGINAL, 'n', { x: 0, y: -50 }, locked);
      // 450 high → 800 wide; 89 more columns, split about the old middle (44.5 rounds to the original's side).
      expect(next.canvas).toEqual({ width: 800, height: 450 });
      expect(next.offset).toEqual({ x: 101, y: 50 });
    });

    it('a corner follows the pointer along the ratio diagonal', () => {
      const next = resizeFrame(START, ORIGINAL, 'se', { x: 200, y: 0 }, locked);
      // Pointer at 911 × 400: the nearest point of the 16:9 diagonal is 11 × 16 / 9 … ≈ 820 × 461.
      expect(next.ratio).toBe('16:9');
      expect(next.canvas.height).toBe(Math.round((911 * (16 / 9) + 400) / ((16 / 9) ** 2 + 1)));
      expect(next.offset).toEqual({ x: 56, y: 0 });
    });

    it('dragging an edge inwards stops at the smallest canvas that still holds the original', () => {
      for (const handle of FRAME_HANDLES) {
        const next = resizeFrame(
          START,
          ORIGINAL,
          handle,
          { x: handle.includes('w') ? 900 : -900, y: handle.includes('n') ? 900 : -900 },
          locked,
        );
        expect(next.canvas).toEqual({ width: 711, height: 400 });
        expect(frameProblem(ORIGINAL, next)).toBeNull();
      }
    });

    it('the left edge dragged out and back stops at the original', () => {
      const wide = resizeFrame(START, ORIGINAL, 'w', { x: -300, y: 0 }, locked);
      expect(wide.offset.x).toBe(356);
      const back = resizeFrame(wide, ORIGINAL, 'w', { x: 400, y: 0 }, locked);
      // The left edge stops at the original's left side, and 16:9 cannot be narrower than 711: the smallest canvas,
      // its right edge where it was.
      expect(back).toEqual(START);
    });
  });

  describe('edge drag, ratio unlocked: snaps to the nearest API ratio', () => {
    it('the right edge moves in steps to where the ratio is exact, the height stays, the ratio follows', () => {
      // 810 × 400 wanted (2.03) → 2:1: 800 × 400, the left edge where it was.
      expect(resizeFrame(START, ORIGINAL, 'e', { x: 99, y: 0 }, free)).toEqual({
        ratio: '2:1',
        canvas: { width: 800, height: 400 },
        offset: { x: 56, y: 0 },
      });
      // 960 × 400 (2.4) → 21:9.
      expect(resizeFrame(START, ORIGINAL, 'e', { x: 249, y: 0 }, free)).toEqual({
        ratio: '21:9',
        canvas: { width: 933, height: 400 },
        offset: { x: 56, y: 0 },
      });
      // A small drag stays on 16:9.
      expect(resizeFrame(START, ORIGINAL, 'e', { x: 20, y: 0 }, free)).toEqual(START);
    });

    it('the bottom edge makes the frame taller through 4:3, 1:1 and 4:5', () => {
      const at = (dy: number) => resizeFrame(START, ORIGINAL, 's', { x: 0, y: dy }, free);
      expect(at(133)).toMatchObject({ ratio: '4:3', canvas: { width: 711, height: 533 } });
      expect(at(311)).toMatchObject({ ratio: '1:1', canvas: { width: 711, height: 711 } });
      expect(at(489)).toMatchObject({ ratio: '4:5', canvas: { width: 711, height: 889 } });
      for (const dy of [133, 311, 489]) expect(at(dy).offset).toEqual({ x: 56, y: 0 });
    });

    it('every dragged shape lands on one of the 13 ratios, exactly', () => {
      const seen = new Set<FixedRatio>();
      for (let dx = -400; dx <= 2000; dx += 37) {
        for (let dy = -400; dy <= 2000; dy += 41) {
          const next = resizeFrame(START, ORIGINAL, 'se', { x: dx, y: dy }, free);
          seen.add(next.ratio);
          expect(frameProblem(ORIGINAL, next)).toBeNull();
        }
      }
      expect(seen.size).toBeGreaterThanOrEqual(10);
    });
  });

  it('never lets the original out, never leaves the ratio, never passes the size cap: any handle, any drag', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    let frame = START;
    for (let step = 0; step < 2000; step++) {
      const handle = FRAME_HANDLES[step % FRAME_HANDLES.length]!;
      const scale = step % 7 === 0 ? 20_000 : 600;
      frame = resizeFrame(
        frame,
        ORIGINAL,
        handle,
        { x: random() * scale, y: random() * scale },
        { ratioLocked: step % 3 === 0 },
      );
      expect(frameProblem(ORIGINAL, frame), `step ${step}: ${JSON.stringify(frame)}`).toBeNull();
      if (step % 11 === 0) frame = moveOriginal(frame, ORIGINAL, { x: random() * 900, y: random() * 900 });
    }
    const huge = resizeFrame(START, ORIGINAL, 'se', { x: 1e6, y: 1e6 }, locked);
    expect(Math.max(huge.canvas.width, huge.canvas.height)).toBe(maxFrameSide(ORIGINAL));
  });

  it('dragging the original moves it and stops at the canvas edges', () => {
    expect(moveOriginal(START, ORIGINAL, { x: 30.4, y: 20 }).offset).toEqual({ x: 86, y: 0 });
    expect(moveOriginal(START, ORIGINAL, { x: -500, y: 0 }).offset).toEqual({ x: 0, y: 0 });
    expect(moveOriginal(START, ORIGINAL, { x: 500, y: 0 }).offset).toEqual({ x: 111, y: 0 });
    const tall = resizeFrame(START, ORIGINAL, 's', { x: 0, y: 311 }, free);
    expect(moveOriginal(tall, ORIGINAL, { x: -10, y: 1000 }).offset).toEqual({ x: 46, y: 311 });
  });

  it('arrow keys nudge the original 1 px, 10 with Shift; other keys are not ours', () => {
    expect(nudgeOriginal(START, ORIGINAL, 'ArrowRight', false)?.offset).toEqual({ x: 57, y: 0 });
    expect(nudgeOriginal(START, ORIGINAL, 'ArrowLeft', true)?.offset).toEqual({ x: 46, y: 0 });
    expect(nudgeOriginal(START, ORIGINAL, 'ArrowDown', true)?.offset).toEqual({ x: 56, y: 0 }); // no room below
    expect(nudgeOriginal(START, ORIGINAL, 'Enter', false)).toBeNull();
  });

  it('a ratio pick, a placement pick and a drag are the same state', () => {
    const dragged = resizeFrame(START, ORIGINAL, 'e', { x: 99, y: 0 }, free);
    const placed = placeOriginal(dragged, ORIGINAL, PLACEMENTS.right!);
    expect(placed.offset).toEqual({ x: 200, y: 0 });
    expect(placementOf(ORIGINAL, placed)).toEqual({ x: 1, y: 0.5 });
    // Another ratio: its smallest canvas, the original at the same share of the free space.
    expect(withRatio(placed, ORIGINAL, '1:1')).toEqual({
      ratio: '1:1',
      canvas: { width: 600, height: 600 },
      offset: { x: 0, y: 100 },
    });
  });

  it('conformFrame keeps a valid frame of the ratio and remakes any other', () => {
    const dragged = resizeFrame(START, ORIGINAL, 'e', { x: 99, y: 0 }, free);
    expect(conformFrame(dragged, ORIGINAL, '2:1')).toBe(dragged);
    expect(conformFrame(dragged, ORIGINAL, '16:9')).toEqual({
      ratio: '16:9',
      canvas: { width: 711, height: 400 },
      offset: { x: 31, y: 0 },
    });
    expect(conformFrame(null, ORIGINAL, '16:9')).toEqual(START);
    // An original the frame cannot hold: the frame is remade for it.
    expect(conformFrame(dragged, { width: 900, height: 300 }, '2:1')).toEqual({
      ratio: '2:1',
      canvas: { width: 900, height: 450 },
      offset: { x: 0, y: 0 },
    });
  });

  it('frameProblem names what is wrong', () => {
    expect(frameProblem(ORIGINAL, { ...START, canvas: { width: 500, height: 400 } })).toMatch(
      /smaller than the original/,
    );
    expect(frameProblem(ORIGINAL, { ...START, offset: { x: 112, y: 0 } })).toMatch(/does not hold the whole original/);
    expect(frameProblem(ORIGINAL, { ...START, canvas: { width: 720, height: 400 } })).toMatch(/is not 16:9/);
    expect(frameProblem(ORIGINAL, { ...START, offset: { x: 1.5, y: 0 } })).toMatch(/whole pixels/);
    expect(
      frameProblem(ORIGINAL, { ratio: '1:1', canvas: { width: 5000, height: 5000 }, offset: { x: 0, y: 0 } }),
    ).toMatch(/larger than/);
  });

  it('every ratio’s smallest frame is valid for tall, wide and square originals', () => {
    for (const original of [
      ORIGINAL,
      { width: 400, height: 600 },
      { width: 512, height: 512 },
      { width: 3001, height: 17 },
    ]) {
      for (const ratio of FIXED_RATIOS) {
        const frame = frameForRatio(original, ratio, CENTRE);
        expect(frameProblem(original, frame), `${ratio} on ${original.width}×${original.height}`).toBeNull();
        expect(Math.abs(frame.canvas.width / frame.canvas.height - ratioValue(ratio))).toBeLessThan(
          1 / Math.min(frame.canvas.width, frame.canvas.height) + 1e-9,
        );
      }
    }
  });
});

describe('layoutFrame (what the server builds)', () => {
  it('is the frame itself while it is within the caps', () => {
    const dragged = moveOriginal(resizeFrame(START, ORIGINAL, 'e', { x: 99, y: 0 }, free), ORIGINAL, { x: 94, y: 0 });
    expect(layoutFrame(ORIGINAL, dragged)).toEqual({
      canvas: { width: 800, height: 400 },
      inner: ORIGINAL,
      offset: { x: 150, y: 0 },
      scale: 1,
    });
  });

  it('scales a frame past the caps down as a whole, an original flush with an edge staying flush', () => {
    const original = { width: 3000, height: 2000 };
    const frame = placeOriginal(
      resizeFrame(frameForRatio(original, '16:9', CENTRE), original, 'e', { x: 2000, y: 0 }, locked),
      original,
      { x: 1, y: 0.25 },
    );
    const layout = layoutFrame(original, frame);
    expect(layout.scale).toBeLessThan(1);
    expect(Math.max(layout.canvas.width, layout.canvas.height)).toBeLessThanOrEqual(4096);
    expect(layout.offset.x + layout.inner.width).toBe(layout.canvas.width);
    expect(Math.abs(layout.offset.y - (layout.canvas.height - layout.inner.height) * 0.25)).toBeLessThanOrEqual(1);
  });
});
