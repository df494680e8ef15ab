import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/testing/random';
import { compareImages, compareSize, resampleArea, type Pixels } from './difference';

/** A wood-grain-like texture: wavy stripes of several widths plus fine noise, the case that used to speckle. */
function woodGrain(width: number, height: number, seed = 7): Pixels {
  const random = seededRandom(seed);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const wave = Math.sin(x * 0.45 + 4 * Math.sin(y * 0.03)) * 45 + Math.sin(x * 0.11 + y * 0.02) * 30;
      const value = 120 + wave + (random() - 0.5) * 24;
      const o = (y * width + x) * 4;
      data[o] = value + 40;
      data[o + 1] = value;
      data[o + 2] = value * 0.6;
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

async function throughSharp(image: Pixels, width: number, height: number, format: 'png' | 'jpeg'): Promise<Pixels> {
  const encoded = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    [format](format === 'jpeg' ? { quality: 85 } : {})
    .toBuffer();
  const { data, info } = await sharp(encoded).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('compareImages', () => {
  it('finds ~0 % changed between a 600 × 400 base and the same image resampled to 1536 × 1024', async () => {
    const base = woodGrain(600, 400);
    for (const format of ['png', 'jpeg'] as const) {
      const result = await throughSharp(base, 1536, 1024, format);
      const difference = compareImages(base, result);
      expect(difference).toMatchObject({ width: 600, height: 400 });
      expect(difference.share).toBeLessThan(0.002);
    }
  });

  it('detects a real local edit, where it is, at about its size', async () => {
    const base = woodGrain(600, 400);
    const result = await throughSharp(base, 1536, 1024, 'png');
    // Paint a 256 × 256 square of a new colour at (768, 512) in the result: 100 × 100 base pixels at (300, 200).
    for (let y = 512; y < 768; y++) {
      for (let x = 768; x < 1024; x++) {
        const o = (y * 1536 + x) * 4;
        result.data.set([40, 90, 200], o);
      }
    }
    const difference = compareImages(base, result);
    const expected = (100 * 100) / (600 * 400);
    expect(difference.share).toBeGreaterThan(expected * 0.9);
    expect(difference.share).toBeLessThan(expected * 1.15);
    expect(difference.changed[250 * 600 + 350]).toBe(1);
    expect(difference.changed[50 * 600 + 50]).toBe(0);
  });
});

describe('resampleArea', () => {
  it('keeps a flat colour flat and averages exactly by area', () => {
    const flat: Pixels = { data: new Uint8Array(7 * 5 * 4).fill(100), width: 7, height: 5 };
    expect([...resampleArea(flat, 3, 2)].every((v) => Math.abs(v - 100) < 1e-3)).toBe(true);
    // Two columns, 0 and 255: averaged to one pixel, half each.
    const split: Pixels = { data: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 255]), width: 2, height: 1 };
    expect(resampleArea(split, 1, 1)[0]).toBeCloseTo(127.5);
  });

  it('compares at the smaller frame, capped on the long side', () => {
    expect(compareSize({ width: 600, height: 400 }, { width: 1536, height: 1024 })).toEqual({
      width: 600,
      height: 400,
    });
    expect(compareSize({ width: 4096, height: 4096 }, { width: 4096, height: 4096 })).toEqual({
      width: 1024,
      height: 1024,
    });
  });
});
