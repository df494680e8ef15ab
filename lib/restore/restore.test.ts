import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/testing/random';
import { distanceToRepaint, featherBand } from './feather';
import { restorePixels } from './restore';

const W = 320;
const H = 240;

/** A photo-like texture: a few overlapping soft blobs and stripes, in colour, from a seed. */
function texture(seed: number, width = W, height = H): Uint8Array {
  const random = seededRandom(seed);
  const blobs = Array.from({ length: 40 }, () => ({
    x: random() * width,
    y: random() * height,
    r: 4 + random() * 20,
    c: [random() * 255, random() * 255, random() * 255],
  }));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const colour = [80 + 40 * Math.sin(x / 9), 100 + 30 * Math.cos(y / 7), 120 + 25 * Math.sin((x + y) / 13)];
      for (const blob of blobs) {
        if ((x - blob.x) ** 2 + (y - blob.y) ** 2 < blob.r ** 2) for (let k = 0; k < 3; k++) colour[k] = blob.c[k]!;
      }
      for (let k = 0; k < 3; k++) rgba[p + k] = Math.round(colour[k]!);
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

/** Keep everywhere but a disc (the painted area). */
function discMask(cx = W / 2, cy = H / 2, r = 50): Uint8Array {
  const keep = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) keep[y * W + x] = 0;
  return keep;
}

function map(rgba: Uint8Array, f: (v: number, k: number, x: number, y: number) => number): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i++) {
    const k = i % 4;
    const px = (i - k) / 4;
    out[i] = k === 3 ? rgba[i]! : Math.max(0, Math.min(255, Math.round(f(rgba[i]!, k, px % W, Math.floor(px / W)))));
  }
  return out;
}

/** The image moved by (dx, dy): content at p appears at p + d. */
function shifted(rgba: Uint8Array, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = Math.min(W - 1, Math.max(0, x - dx));
      const sy = Math.min(H - 1, Math.max(0, y - dy));
      out.set(rgba.subarray((sy * W + sx) * 4, (sy * W + sx) * 4 + 4), (y * W + x) * 4);
    }
  }
  return out;
}

/** Paints the disc of the mask in a flat colour (what the model drew there). */
function paintHole(rgba: Uint8Array, keep: Uint8Array, colour: [number, number, number]): Uint8Array {
  const out = rgba.slice();
  for (let i = 0; i < keep.length; i++) if (keep[i] === 0) out.set([...colour, 255], i * 4);
  return out;
}

const SHIFT = (v: number, k: number) => v + [35, -20, 15][k]!;

describe('restorePixels', () => {
  it('gives back the base bit for bit outside the feather band, and keeps the model inside the mask', () => {
    const base = texture(1);
    const keep = discMask();
    const output = paintHole(map(base, SHIFT), keep, [250, 0, 250]);
    const { pixels, drift } = restorePixels({ base, output, keep, width: W, height: H });
    expect(pixels).not.toBeNull();
    const band = featherBand(W, H);
    const distance = distanceToRepaint(keep, W, H, band + 2);
    let outside = 0;
    let different = 0;
    for (let i = 0; i < W * H; i++) {
      if (distance[i]! <= band) continue;
      outside++;
      for (let k = 0; k < 4; k++) if (pixels![i * 4 + k] !== base[i * 4 + k]) different++;
    }
    expect(different).toBe(0);
    expect(outside).toBeGreaterThan(W * H * 0.8);
    // Deep inside the hole: the model's magenta, colour-corrected but still clearly the model's, not the base.
    const centre = ((H / 2) * W + W / 2) * 4;
    expect(pixels![centre]).toBeGreaterThan(180);
    expect(pixels![centre + 1]).toBeLessThan(60);
    // Every kept pixel moved by 35 in red (less where it clipped at 255): nearly all changed visibly.
    expect(drift!.changedShare).toBeGreaterThan(0.9);
    expect(drift!.meanDelta).toBeGreaterThan(15);
  });

  it('blends a globally colour-shifted result without a patch and without a step across the seam', () => {
    // A smooth base: any step in the restored image would come from the seam.
    const base = new Uint8Array(W * H * 4);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        base.set([40 + (x * 150) / W, 60 + (y * 100) / H, 160 - (x * 60) / W, 255], (y * W + x) * 4);
    const keep = discMask();
    const output = map(base, SHIFT);
    const { pixels } = restorePixels({ base, output, keep, width: W, height: H });
    let worstInside = 0;
    let worstStep = 0;
    for (let y = 1; y < H; y++) {
      for (let x = 1; x < W; x++) {
        const p = (y * W + x) * 4;
        for (let k = 0; k < 3; k++) {
          if (keep[y * W + x] === 0) worstInside = Math.max(worstInside, Math.abs(pixels![p + k]! - base[p + k]!));
          const step = Math.abs(pixels![p + k]! - pixels![p - 4 + k]!) - Math.abs(base[p + k]! - base[p - 4 + k]!);
          const stepY =
            Math.abs(pixels![p + k]! - pixels![p - W * 4 + k]!) - Math.abs(base[p + k]! - base[p - W * 4 + k]!);
          worstStep = Math.max(worstStep, step, stepY);
        }
      }
    }
    // Without the correction the disc would sit 35 levels off its surroundings; with it, it is the base's colour.
    expect(worstInside).toBeLessThanOrEqual(3);
    expect(worstStep).toBeLessThanOrEqual(2);
  });

  it('aligns a result the model moved by a few pixels before pasting, so edges are not doubled', () => {
    const base = texture(3);
    const keep = discMask();
    // The model redrew the disc and moved the whole frame, its own drawing included.
    const output = shifted(paintHole(base, keep, [0, 200, 0]), 3, -2);
    const { pixels, alignment } = restorePixels({ base, output, keep, width: W, height: H });
    expect(alignment.ok).toBe(true);
    expect(alignment.dx).toBeCloseTo(3, 0);
    expect(alignment.dy).toBeCloseTo(-2, 0);
    // In the feather band (partly base, partly model) the picture must still be the base's, not two copies of it.
    const band = featherBand(W, H);
    const distance = distanceToRepaint(keep, W, H, band + 2);
    const naive = { aligned: 0, unaligned: 0, n: 0 };
    for (let i = 0; i < W * H; i++) {
      if (!(distance[i]! > 0 && distance[i]! < band)) continue;
      for (let k = 0; k < 3; k++) {
        naive.aligned += Math.abs(pixels![i * 4 + k]! - base[i * 4 + k]!);
        naive.unaligned += Math.abs(output[i * 4 + k]! - base[i * 4 + k]!);
      }
      naive.n += 3;
    }
    expect(naive.aligned / naive.n).toBeLessThan(3);
    expect(naive.unaligned / naive.n).toBeGreaterThan(10);
  });

  it('leaves an exact result alone: the offline engine keeps outside pixels and shows 0 % drift', () => {
    const base = texture(4);
    const keep = discMask();
    const output = paintHole(base, keep, [10, 20, 30]);
    const { pixels, alignment, drift } = restorePixels({ base, output, keep, width: W, height: H });
    expect([alignment.dx, alignment.dy, alignment.scale]).toEqual([0, 0, 1]);
    expect(drift).toEqual({ changedShare: 0, meanDelta: 0 });
    let different = 0;
    for (let i = 0; i < W * H * 4; i++) if (keep[i >> 2] === 255 && pixels![i] !== base[i]) different++;
    expect(different).toBe(0);
  });

  it('refuses, with a reason, a result whose kept area cannot be lined up with the base', () => {
    const base = texture(5);
    const keep = discMask();
    const output = texture(99);
    const result = restorePixels({ base, output, keep, width: W, height: H });
    expect(result.pixels).toBeNull();
    expect(result.reason).toMatch(/line it up/);
  });
});
