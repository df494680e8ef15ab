import { describe, expect, it } from 'vitest';
import { completeKernel } from './complete';
import { transferKernel } from './transfer';

/** A periodic texture: a 16-px checkerboard in red over a 12-px stripe in green, so nothing is flat. */
function texture(w: number, h: number): Uint8Array {
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      rgb.set([((x >> 3) + (y >> 3)) % 2 ? 220 : 30, x % 12 < 6 ? 200 : 50, 90 + ((y * 5) % 40)], (y * w + x) * 3);
    }
  }
  return rgb;
}

function disc(w: number, h: number, cx: number, cy: number, r: number): Uint8Array {
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) hole[y * w + x] = (x - cx) ** 2 + (y - cy) ** 2 < r * r ? 1 : 0;
  return hole;
}

describe('completeKernel', () => {
  const w = 240;
  const h = 200;
  const original = texture(w, h);
  const hole = disc(w, h, 120, 100, 45);

  it('refills a hole in a periodic texture with that texture, and never touches known pixels', () => {
    const input = original.slice();
    // Wipe the hole so nothing of the answer is left in it.
    for (let p = 0; p < w * h; p++) if (hole[p]) input.set([0, 0, 0], p * 3);
    const out = completeKernel({ width: w, height: h, rgb: input, hole, seed: 0 }, () => {});
    let error = 0;
    let holes = 0;
    for (let p = 0; p < w * h; p++) {
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(out.rgb[p * 3 + c]! - original[p * 3 + c]!);
        if (hole[p]) error += d;
        else expect(d).toBe(0);
      }
      if (hole[p]) holes++;
    }
    expect(holes).toBeGreaterThan(6000);
    expect(error / (holes * 3)).toBeLessThan(2);
    expect(out.levels).toBeGreaterThan(1);
  });

  it('is deterministic per seed, and another seed gives another fill', () => {
    // Noise has no single right answer, so the seed shows.
    const noise = new Uint8Array(w * h * 3);
    let s = 7;
    for (let i = 0; i < noise.length; i++) noise[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    const run = (seed: number) => completeKernel({ width: w, height: h, rgb: noise.slice(), hole, seed }, () => {}).rgb;
    expect(Buffer.compare(run(1), run(1))).toBe(0);
    expect(Buffer.compare(run(1), run(2))).not.toBe(0);
  });

  it('reports progress that only rises and ends at the total', () => {
    const seen: number[] = [];
    completeKernel({ width: w, height: h, rgb: original.slice(), hole, seed: 0 }, (done, total) => {
      seen.push(done / total);
    });
    expect(seen.length).toBeGreaterThan(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)).toBeCloseTo(1, 6);
  });

  it('fills a hole against the region’s corner, where the patches that touch it are cut off by the edge', () => {
    const input = original.slice();
    const corner = disc(w, h, 0, 0, 40);
    for (let p = 0; p < w * h; p++) if (corner[p]) input.set([0, 0, 0], p * 3);
    const out = completeKernel({ width: w, height: h, rgb: input, hole: corner, seed: 3 }, () => {});
    let error = 0;
    let holes = 0;
    for (let p = 0; p < w * h; p++) {
      if (!corner[p]) {
        expect(out.rgb.subarray(p * 3, p * 3 + 3)).toEqual(original.subarray(p * 3, p * 3 + 3));
        continue;
      }
      holes++;
      for (let c = 0; c < 3; c++) error += Math.abs(out.rgb[p * 3 + c]! - original[p * 3 + c]!);
    }
    expect(holes).toBeGreaterThan(1000);
    // The texture itself comes back (the wiped corner was black), as in the centred case.
    expect(error / (holes * 3)).toBeLessThan(2);
  });

  it('returns, unchanged in size, when the whole image is hole or smaller than a patch', () => {
    for (const [width, height] of [
      [5, 4],
      [30, 24],
    ] as const) {
      const rgb = new Uint8Array(width * height * 3).fill(128);
      const out = completeKernel(
        { width, height, rgb, hole: new Uint8Array(width * height).fill(1), seed: 0 },
        () => {},
      );
      expect(out.rgb).toHaveLength(width * height * 3);
    }
  });
});

describe('transferKernel', () => {
  it('round-trips through L*a*b* when the reference is the base itself', () => {
    const rgb = texture(64, 64);
    const out = transferKernel({ width: 64, height: 64, rgb, references: [rgb], strength: 1 }, () => {});
    let worst = 0;
    for (let i = 0; i < rgb.length; i++) worst = Math.max(worst, Math.abs(out.rgb[i]! - rgb[i]!));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('moves the mean colour to the reference’s, and strength 0 changes nothing', () => {
    const base = new Uint8Array(32 * 32 * 3).map((_, i) => (i % 3 === 0 ? 180 + (i % 50) : 60 + (i % 30)));
    const blue = new Uint8Array(16 * 16 * 3).map((_, i) => (i % 3 === 2 ? 200 + (i % 40) : 40 + (i % 20)));
    const mean = (a: Uint8Array, c: number) => {
      let s = 0;
      for (let i = c; i < a.length; i += 3) s += a[i]!;
      return s / (a.length / 3);
    };
    const full = transferKernel({ width: 32, height: 32, rgb: base, references: [blue], strength: 1 }, () => {}).rgb;
    expect(Math.abs(mean(full, 2) - mean(blue, 2))).toBeLessThan(12);
    expect(Math.abs(mean(full, 0) - mean(blue, 0))).toBeLessThan(12);
    const none = transferKernel({ width: 32, height: 32, rgb: base, references: [blue], strength: 0 }, () => {}).rgb;
    for (let i = 0; i < base.length; i++) expect(Math.abs(none[i]! - base[i]!)).toBeLessThanOrEqual(2);
  });
});
