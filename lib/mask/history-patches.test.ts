import { describe, expect, it } from 'vitest';
import { applyPatch, copyRect, encodePatch } from './history-patches';
import type { PixelRect } from './types';

const seeded = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** Edits `rect` of a copy of `alpha` with `edit`, then checks the patch turns either state into the other. */
function roundTrip(
  alpha: Uint8Array,
  width: number,
  rect: PixelRect,
  edit: (x: number, y: number, a: number) => number,
) {
  const before = alpha.slice();
  const after = alpha.slice();
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) after[y * width + x] = edit(x, y, after[y * width + x]!);
  }
  const patch = encodePatch(copyRect(before, width, rect, null), after, width, rect);
  const undone = after.slice();
  applyPatch(undone, width, rect, patch);
  expect(Buffer.from(undone).equals(Buffer.from(before))).toBe(true);
  const redone = before.slice();
  applyPatch(redone, width, rect, patch);
  expect(Buffer.from(redone).equals(Buffer.from(after))).toBe(true);
  return patch;
}

describe('history patches', () => {
  const W = 300;
  const H = 200;
  const random = seeded(1);
  const noise = Uint8Array.from({ length: W * H }, () => (random() < 0.5 ? 255 : Math.floor(random() * 256)));

  it('round-trip a soft stroke-like change inside a rectangle, with runs and literals crossing rows', () => {
    const rect = { x0: 17, y0: 9, x1: 251, y1: 170 };
    roundTrip(noise, W, rect, (x, y, a) => (Math.hypot(x - 130, y - 90) < 50 ? 0 : x % 7 === 0 ? a ^ (x & 3) : a));
  });

  it('store an untouched rectangle as nothing and a uniform change as a few bytes', () => {
    const rect = { x0: 0, y0: 0, x1: W, y1: H };
    expect(roundTrip(noise, W, rect, (_x, _y, a) => a)).toHaveLength(0);
    expect(roundTrip(noise, W, rect, (_x, _y, a) => 255 - a).length).toBeLessThan(8); // invert: one run of 255
  });

  it('round-trip full-width spans, long runs (multi-byte headers) and random bytes', () => {
    roundTrip(noise, W, { x0: 0, y0: 40, x1: W, y1: 160 }, (x, y) => (y < 100 ? 0 : (x * y) & 0xff));
    roundTrip(noise, W, { x0: 5, y0: 5, x1: 6, y1: 195 }, () => Math.floor(random() * 256)); // one column
    roundTrip(noise, W, { x0: 0, y0: 0, x1: W, y1: H }, () => Math.floor(random() * 256));
  });

  it('apply to a mask that is a view at an odd offset (no 32-bit view of it)', () => {
    const backing = new Uint8Array(W * H + 1);
    const alpha = backing.subarray(1);
    alpha.set(noise);
    roundTrip(alpha, W, { x0: 0, y0: 0, x1: W, y1: H }, (_x, _y, a) => 255 - a);
  });
});
