import { describe, expect, it } from 'vitest';
import {
  applyOperation,
  createAlpha,
  rasterizeMask,
  stampSpacing,
  StrokeStamper,
  strokeBounds,
  strokeCoverage,
} from './rasterize';
import { seededRandom } from '@/lib/testing/random';
import type { MaskOperation, MaskStroke } from './types';

const W = 600;
const H = 400;
const at = (alpha: Uint8Array, x: number, y: number) => alpha[y * W + x]!;
const hLine = (size: number, hardness = 1, kind: 'paint' | 'erase' = 'paint'): MaskStroke => ({
  kind,
  size,
  hardness,
  points: [150, 200, 300, 200, 450, 200],
});
const raster = (...operations: MaskOperation[]) => rasterizeMask({ width: W, height: H, operations });
/** Byte-for-byte equality; much faster than a deep toEqual on 240 000 elements. */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

describe('rasterizeMask', () => {
  it('starts fully kept', () => {
    expect(raster().every((a) => a === 255)).toBe(true);
  });

  it('paints alpha 0 along the stroke and leaves far pixels at 255', () => {
    const alpha = raster(hLine(24));
    for (let x = 150; x <= 450; x += 10) expect(at(alpha, x, 200)).toBe(0);
    expect(at(alpha, 300, 190)).toBe(0); // inside the 12 px radius
    expect(at(alpha, 300, 215)).toBe(255); // beyond it
    expect(at(alpha, 10, 10)).toBe(255);
    expect(at(alpha, 599, 399)).toBe(255);
    // round caps: the stroke reaches ~12 px past its end points, no further
    expect(at(alpha, 140, 200)).toBe(0);
    expect(at(alpha, 170 - 35, 200)).toBe(255);
  });

  it('anti-aliases a hard edge over about one pixel', () => {
    const alpha = raster(hLine(24, 1));
    const column = Array.from({ length: 40 }, (_, i) => at(alpha, 300, 180 + i));
    const partial = column.filter((a) => a > 0 && a < 255);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThanOrEqual(4); // two edges, ≤ 2 px each
  });

  it('a soft brush makes a wide band of intermediate alpha that rises away from the centre', () => {
    const alpha = raster(hLine(40, 0));
    expect(at(alpha, 300, 200)).toBe(0);
    const column = Array.from({ length: 22 }, (_, i) => at(alpha, 300, 200 + i));
    const partial = column.filter((a) => a > 0 && a < 255);
    expect(partial.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < column.length; i++) expect(column[i]!).toBeGreaterThanOrEqual(column[i - 1]!);
    expect(column[column.length - 1]).toBe(255);
  });

  it('does not build up where one stroke crosses itself', () => {
    const once: MaskStroke = { kind: 'paint', size: 30, hardness: 0.2, points: [200, 200, 400, 200] };
    const back: MaskStroke = { ...once, points: [200, 200, 400, 200, 200, 200, 400, 200] };
    expect(same(raster(back), raster(once))).toBe(true);
  });

  it('two soft strokes compose: the second darkens the first one’s soft edge', () => {
    const stroke: MaskStroke = { kind: 'paint', size: 40, hardness: 0, points: [300, 200] };
    const one = at(raster(stroke), 300, 212);
    const two = at(raster(stroke, stroke), 300, 212);
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThan(255);
    expect(two).toBeLessThan(one);
  });

  it('a click (one point) paints a disc of the brush size', () => {
    const alpha = raster({ kind: 'paint', size: 20, hardness: 1, points: [100, 100] });
    const painted = alpha.reduce((sum, a) => sum + (255 - a) / 255, 0);
    expect(painted).toBeGreaterThan(Math.PI * 10 * 10 * 0.95);
    expect(painted).toBeLessThan(Math.PI * 10.5 * 10.5);
  });

  it('erase restores 255 where it covers the paint', () => {
    const alpha = raster(hLine(24), hLine(40, 1, 'erase'));
    expect(alpha.every((a) => a === 255)).toBe(true);
  });

  it('erase of part of a stroke keeps the rest', () => {
    const erase: MaskStroke = { kind: 'erase', size: 30, hardness: 1, points: [300, 200] };
    const alpha = raster(hLine(24), erase);
    expect(at(alpha, 300, 200)).toBe(255);
    expect(at(alpha, 200, 200)).toBe(0);
  });

  it('invert flips every pixel and twice is the identity', () => {
    const painted = raster(hLine(24));
    const inverted = raster(hLine(24), { kind: 'invert' });
    expect(at(inverted, 300, 200)).toBe(255);
    expect(at(inverted, 10, 10)).toBe(0);
    for (let i = 0; i < painted.length; i += 97) expect(inverted[i]).toBe(255 - painted[i]!);
    expect(same(raster(hLine(24), { kind: 'invert' }, { kind: 'invert' }), painted)).toBe(true);
  });

  it('clear resets to fully kept, and later strokes still apply', () => {
    expect(raster(hLine(24), { kind: 'invert' }, { kind: 'clear' }).every((a) => a === 255)).toBe(true);
    const after = raster(hLine(24), { kind: 'clear' }, { kind: 'paint', size: 10, hardness: 1, points: [50, 50] });
    expect(at(after, 50, 50)).toBe(0);
    expect(at(after, 300, 200)).toBe(255);
  });

  it('clips strokes at the image border and ignores strokes fully outside', () => {
    const edge = raster({ kind: 'paint', size: 40, hardness: 1, points: [-5, -5, 5, 5] });
    expect(at(edge, 0, 0)).toBe(0);
    const outside = raster({ kind: 'paint', size: 10, hardness: 1, points: [-100, -100, -50, -60] });
    expect(outside.every((a) => a === 255)).toBe(true);
  });

  it('starts from the floor bitmap when given one', () => {
    const floor = createAlpha(W, H);
    floor[0] = 7;
    expect(rasterizeMask({ width: W, height: H, floor, operations: [] })[0]).toBe(7);
    expect(() => rasterizeMask({ width: W, height: H, floor: new Uint8Array(3), operations: [] })).toThrow(RangeError);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => createAlpha(0, 10)).toThrow(RangeError);
    expect(() => createAlpha(10.5, 10)).toThrow(RangeError);
    expect(() => applyOperation(new Uint8Array(5), W, H, { kind: 'clear' })).toThrow(RangeError);
  });
});

describe('stamping', () => {
  it('spaces stamps at most a quarter of the diameter apart', () => {
    for (const size of [1, 2, 3, 8, 24, 100, 500]) expect(stampSpacing(size)).toBeLessThanOrEqual(size / 4);
  });

  it('leaves no gaps between far-apart points', () => {
    const stroke: MaskStroke = { kind: 'paint', size: 4, hardness: 1, points: [0.5, 2.5, 99.5, 2.5] };
    const coverage = strokeCoverage(stroke, { x0: 0, y0: 0, x1: 100, y1: 5 });
    for (let x = 0; x < 100; x++) expect(coverage[2 * 100 + x]).toBe(255);
  });
});

describe('StrokeStamper', () => {
  it('fed point by point into an image-sized buffer leaves the bytes strokeCoverage computes', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 60; n++) {
      const points: number[] = [];
      const count = 1 + Math.floor(random() * 6);
      for (let i = 0; i < count; i++) points.push(random() * 700 - 50, random() * 500 - 50);
      const stroke = {
        kind: 'paint' as const,
        size: 1 + random() * 60,
        hardness: [0, 0.5, 1][n % 3]!,
        points,
        pressures: n % 2 ? Array.from({ length: count }, () => 0.05 + random() * 0.95) : undefined,
      };
      const rect = strokeBounds(stroke, W, H);
      const buffer = new Uint8Array(W * H);
      const stamper = new StrokeStamper(buffer, { x0: 0, y0: 0, stride: W }, { x0: 0, y0: 0, x1: W, y1: H }, stroke);
      for (let i = 0; i < count; i++) stamper.add(points[i * 2]!, points[i * 2 + 1]!, stroke.pressures?.[i]);
      if (!rect) {
        expect(buffer.every((c) => c === 0)).toBe(true);
        continue;
      }
      const expected = strokeCoverage(stroke, rect);
      const bw = rect.x1 - rect.x0;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const inside = x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1;
          const want = inside ? expected[(y - rect.y0) * bw + x - rect.x0]! : 0;
          if (buffer[y * W + x] !== want)
            throw new Error(`stroke ${n}: pixel ${x},${y} is ${buffer[y * W + x]}, expected ${want}`);
        }
    }
  });

  it('ends even when a pen end has no pressure at all', () => {
    const buffer = new Uint8Array(W * H);
    const stamper = new StrokeStamper(
      buffer,
      { x0: 0, y0: 0, stride: W },
      { x0: 0, y0: 0, x1: W, y1: H },
      { size: 20, hardness: 1 },
    );
    stamper.add(100, 100, 0);
    stamper.add(300, 100, 0);
    stamper.add(400, 100, 1);
    expect(buffer[100 * W + 400]).toBe(255);
  });
});
