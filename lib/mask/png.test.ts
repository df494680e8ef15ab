import { inflateSync } from 'node:zlib';
import { decode } from 'fast-png';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MaskDocument } from './document';
import { featherMask } from './morphology';
import { encodeMaskPng, hasRepaintArea } from './png';
import { createAlpha } from './rasterize';
import { seededRandom } from '@/lib/testing/random';

function circle(width: number, height: number, radius: number, feather = 0): Uint8Array {
  const alpha = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - width / 2, y - height / 2) - radius;
      alpha[y * width + x] = feather ? Math.max(0, Math.min(255, Math.round((d * 255) / feather))) : d < 0 ? 0 : 255;
    }
  }
  return alpha;
}

/** The PNG's chunks; fails on a bad CRC (so does fast-png, but this names the chunk). */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

const SUB = 1;
const UP = 2;

/** The PNG filter type each row was written with (the first byte of each inflated scanline). */
function filterTypes(png: Uint8Array, width: number): number[] {
  const scanlines = inflateSync(chunks(png)[1]!.data);
  const stride = 1 + 4 * width;
  return Array.from({ length: scanlines.length / stride }, (_, y) => scanlines[y * stride]!);
}

function adler32Reference(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Encodes, then reads the PNG back three independent ways — fast-png, sharp (libspng) and Node's zlib on the
 * IDAT data (which checks the deflate stream and its Adler-32) — and compares every pixel with the input.
 */
async function expectRoundTrip(width: number, height: number, alpha: Uint8Array): Promise<Uint8Array> {
  const png = encodeMaskPng(width, height, alpha);
  const expected = Buffer.alloc(width * height * 4); // RGB black, A = alpha
  for (let i = 0; i < alpha.length; i++) expected[i * 4 + 3] = alpha[i]!;

  const viaFastPng = decode(png);
  expect([viaFastPng.width, viaFastPng.height, viaFastPng.channels, viaFastPng.depth]).toEqual([width, height, 4, 8]);
  expect(
    Buffer.from(viaFastPng.data.buffer, viaFastPng.data.byteOffset, viaFastPng.data.byteLength).equals(expected),
  ).toBe(true);

  const viaSharp = await sharp(png, { limitInputPixels: false }).raw().toBuffer({ resolveWithObject: true });
  expect([viaSharp.info.width, viaSharp.info.height, viaSharp.info.channels]).toEqual([width, height, 4]);
  expect(viaSharp.data.equals(expected)).toBe(true);

  const parts = chunks(png);
  expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const stream = parts[1]!.data;
  const scanlines = inflateSync(stream); // throws on a bad deflate stream or Adler-32
  expect(scanlines.length).toBe(height * (1 + 4 * width));
  expect(new DataView(stream.buffer, stream.byteOffset + stream.length - 4).getUint32(0)).toBe(
    adler32Reference(scanlines),
  );
  return png;
}

describe('encodeMaskPng', () => {
  it('exports an RGBA PNG of exactly the base size with alpha 0 under the stroke', async () => {
    const doc = new MaskDocument(600, 400);
    doc.push({ kind: 'paint', size: 24, hardness: 1, points: [100, 200, 500, 200] });
    const png = decode(await expectRoundTrip(doc.width, doc.height, doc.alpha()));
    expect(png.data[(200 * 600 + 300) * 4 + 3]).toBe(0);
    expect(png.data[(10 * 600 + 10) * 4 + 3]).toBe(255);
  });

  it('round-trips masks that are all keep, all repaint, a hard circle and a portrait size', async () => {
    await expectRoundTrip(300, 200, createAlpha(300, 200));
    await expectRoundTrip(300, 200, new Uint8Array(300 * 200));
    await expectRoundTrip(513, 387, circle(513, 387, 150));
    await expectRoundTrip(320, 427, circle(320, 427, 100));
  });

  it('round-trips soft edges: a feathered stroke, a gradient ring and random alpha', async () => {
    const doc = new MaskDocument(640, 480);
    doc.push({ kind: 'paint', size: 90, hardness: 0.2, points: [40, 60, 600, 420, 100, 400] });
    const feathered = doc.alpha().slice();
    featherMask(feathered, 640, 480, 25);
    await expectRoundTrip(640, 480, feathered);
    await expectRoundTrip(401, 399, circle(401, 399, 100, 60));
    const next = seededRandom(1);
    await expectRoundTrip(
      333,
      257,
      Uint8Array.from({ length: 333 * 257 }, () => next() * 256),
    );
  });

  it('round-trips rows where every pixel differs from its left neighbour', async () => {
    const next = seededRandom(3);
    const noisy = new Uint8Array(257 * 9);
    for (let i = 0; i < noisy.length; i++) {
      do noisy[i] = next() * 256;
      while (i > 0 && noisy[i] === noisy[i - 1]);
    }
    await expectRoundTrip(257, 9, noisy);
    await expectRoundTrip(
      257,
      9,
      Uint8Array.from({ length: 257 * 9 }, (_, i) => (i * 37) % 256),
    ); // a steady ramp
  });

  it('round-trips 1×1, width 1, and every width from 1 to 9 (rows not a multiple of 4 bytes of alpha)', async () => {
    for (const value of [0, 1, 128, 255]) await expectRoundTrip(1, 1, Uint8Array.of(value));
    const next = seededRandom(2);
    const runs = (length: number) => {
      const alpha = new Uint8Array(length);
      for (let i = 0, value = 0; i < length; i++) {
        if (next() < 0.3) value = next() < 0.5 ? Math.floor(next() * 256) : next() < 0.5 ? 0 : 255;
        alpha[i] = value;
      }
      return alpha;
    };
    await expectRoundTrip(1, 500, runs(500));
    for (let width = 1; width <= 9; width++) await expectRoundTrip(width, 37, runs(width * 37));
  });

  it('splits runs around every multiple of 258 bytes (a match is 3..258 bytes) and keeps runs of 1 and 2', async () => {
    // Runs of every length 1..800, alternating values, wrapped over 2048-pixel rows; then whole rows.
    const width = 2048;
    const lengths = Array.from({ length: 800 }, (_, i) => i + 1);
    const total = lengths.reduce((n, k) => n + k, 0);
    const height = Math.ceil(total / width) + 3;
    const alpha = new Uint8Array(width * height).fill(255);
    let at = 0;
    lengths.forEach((k, i) => {
      alpha.fill(i % 3 === 0 ? 0 : i % 3 === 1 ? 255 : 97, at, at + k);
      at += k;
    });
    await expectRoundTrip(width, height, alpha);
    // Short runs only: a, b, b, c, d, d, …
    const short = Uint8Array.from({ length: 99 * 40 }, (_, i) => (Math.floor((i * 2) / 3) * 53) % 256);
    await expectRoundTrip(99, 40, short);
  });

  it('keeps the Adler-32 exact on runs longer than 16384 and 65521 pixels (wide rows, both filters)', async () => {
    const width = 70_000;
    const alpha = new Uint8Array(width * 5).fill(255);
    const row = (y: number) => alpha.subarray(y * width, (y + 1) * width);
    row(1).fill(3, 0, 20_000); // a run of 20 000 (k reduced mod 65521 past 16 384), then one of 50 000
    row(2).set(row(1));
    row(2)[5] = 0; // Up: 5 zeros, one 253, 69 994 zeros
    row(3).set(row(2).map((v) => (v + 255) % 256)); // the row above minus 1: one run of 70 000 for Up
    row(4).set(row(3));
    const png = await expectRoundTrip(width, 5, alpha);
    expect(filterTypes(png, width)).toEqual([SUB, SUB, UP, UP, UP]);
  });

  it('takes Up for rows like the one above (vertical stripes, a vertical ramp), 4-pixel aligned or not', async () => {
    for (const width of [400, 401, 403]) {
      const height = 60;
      const alpha = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        // Stripes repeated down to row 29, then the same stripes 1 lower per row.
        for (let x = 0; x < width; x++) alpha[y * width + x] = (x % 7 < 3 ? 60 : 255) - Math.max(0, y - 29);
      }
      const png = await expectRoundTrip(width, height, alpha);
      const filters = filterTypes(png, width);
      expect(filters[0]).toBe(SUB); // no row above
      expect(filters.slice(1).every((f) => f === UP)).toBe(true);
      expect(png.length).toBeLessThan(2_000);
    }
  });

  it('round-trips a 4096 × 4096 mask with hard strokes and a feathered region, smaller than sharp’s PNG', async () => {
    const size = 4096;
    const doc = new MaskDocument(size, size);
    for (let i = 0; i < 40; i++) {
      const y = size * (0.1 + ((i * 37) % 80) / 100);
      const points: number[] = [];
      for (let k = 0; k <= 30; k++) points.push(size * 0.15 + (size * 0.7 * k) / 30, y + Math.sin(k / 3) * 60);
      doc.push({ kind: 'paint', size: 120, hardness: i % 4 === 0 ? 0.3 : 1, points });
    }
    const alpha = doc.alpha().slice();
    const ring = circle(size, size, 700, 200);
    for (let i = 0; i < alpha.length; i++) alpha[i] = Math.min(alpha[i]!, ring[i]!);
    const png = await expectRoundTrip(size, size, alpha);
    const rgba = Buffer.alloc(size * size * 4);
    for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i]!;
    const bySharp = await sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
      .png()
      .toBuffer();
    expect(png.length).toBeLessThan(bySharp.length); // a fixed-Huffman stream with no filter: over 3 MB
  }, 60_000);

  it('reads alpha through a view that does not start on a 4-byte boundary', async () => {
    const backing = new Uint8Array(1 + 31 * 7);
    backing.set(circle(31, 7, 3), 1);
    const png = decode(encodeMaskPng(31, 7, backing.subarray(1)));
    for (let i = 0; i < 31 * 7; i++) expect(png.data[i * 4 + 3]).toBe(backing[1 + i]);
  });

  it('refuses an alpha buffer of the wrong size and a size that is not a positive integer', () => {
    expect(() => encodeMaskPng(600, 400, new Uint8Array(600 * 399))).toThrow(
      /alpha has 239400 bytes, expected 600×400/,
    );
    expect(() => encodeMaskPng(0, 0, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeMaskPng(2.5, 2, new Uint8Array(5))).toThrow(/positive integer size/);
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
