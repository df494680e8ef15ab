import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { MaskDocument } from './document';
import { encodeMaskPng, hasRepaintArea } from './png';
import { createAlpha } from './rasterize';

function decodeMask(png: Uint8Array) {
  const image = decode(png);
  const alpha = new Uint8Array(image.width * image.height);
  let rgbSum = 0;
  for (let i = 0; i < alpha.length; i++) {
    rgbSum += image.data[i * 4]! + image.data[i * 4 + 1]! + image.data[i * 4 + 2]!;
    alpha[i] = image.data[i * 4 + 3]!;
  }
  return { ...image, alpha, rgbSum };
}

describe('encodeMaskPng', () => {
  it('exports an RGBA PNG of exactly the base size with alpha 0 under the stroke', () => {
    const doc = new MaskDocument(600, 400);
    doc.push({ kind: 'paint', size: 24, hardness: 1, points: [100, 200, 500, 200] });
    const png = decodeMask(encodeMaskPng(doc.width, doc.height, doc.alpha()));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([600, 400, 4, 8]);
    expect(png.rgbSum).toBe(0); // black
    expect(png.alpha[200 * 600 + 300]).toBe(0);
    expect(png.alpha[200 * 600 + 100]).toBe(0);
    expect(png.alpha[10 * 600 + 10]).toBe(255);
    expect(Buffer.from(png.alpha).equals(Buffer.from(doc.alpha()))).toBe(true);
  });

  it('keeps a portrait size (oriented 320 × 427) as is', () => {
    const png = decodeMask(encodeMaskPng(320, 427, createAlpha(320, 427)));
    expect([png.width, png.height]).toEqual([320, 427]);
    expect(png.alpha.every((a) => a === 255)).toBe(true);
  });

  it('keeps soft alpha values', () => {
    const alpha = createAlpha(4, 1);
    alpha.set([0, 64, 200, 255]);
    expect(Array.from(decodeMask(encodeMaskPng(4, 1, alpha)).alpha)).toEqual([0, 64, 200, 255]);
  });

  it('refuses an alpha buffer of the wrong size', () => {
    expect(() => encodeMaskPng(600, 400, new Uint8Array(600 * 399))).toThrow(RangeError);
  });
});

describe('hasRepaintArea', () => {
  it('is false for an untouched mask and true once any pixel is below 255', () => {
    const alpha = createAlpha(10, 10);
    expect(hasRepaintArea(alpha)).toBe(false);
    alpha[99] = 254;
    expect(hasRepaintArea(alpha)).toBe(true);
  });

  it('finds a marked pixel in every position, whatever the length and the view offset', () => {
    const backing = new Uint8Array(23).fill(255);
    for (const offset of [0, 1, 3]) {
      const view = backing.subarray(offset, offset + 17);
      for (let i = 0; i < view.length; i++) {
        view[i] = 0;
        expect(hasRepaintArea(view)).toBe(true);
        view[i] = 255;
      }
      expect(hasRepaintArea(view)).toBe(false);
    }
  });
});
