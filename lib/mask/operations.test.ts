import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { MaskDocument } from './document';
import { decodeMaskPng, maskSizeMismatch, resizeAlpha } from './import';
import { rasterizeMask } from './rasterize';
import type { MaskOperation } from './types';

const W = 100;
const H = 80;
const at = (alpha: Uint8Array, x: number, y: number) => alpha[y * W + x]!;
const repaintCount = (alpha: Uint8Array) => alpha.reduce((n, a) => n + (a < 128 ? 1 : 0), 0);
function docWith(...ops: MaskOperation[]) {
  const doc = new MaskDocument(W, H);
  for (const op of ops) doc.push(op);
  return doc;
}

describe('shape operations', () => {
  it('a rectangle adds exactly its pixels, with any corner order', () => {
    const doc = docWith({ kind: 'shape', shape: 'rect', mode: 'add', points: [60, 50, 10, 20] });
    const alpha = doc.alpha();
    expect(repaintCount(alpha)).toBe(50 * 30);
    expect(at(alpha, 10, 20)).toBe(0);
    expect(at(alpha, 59, 49)).toBe(0);
    expect(at(alpha, 60, 50)).toBe(255);
    expect(at(alpha, 9, 20)).toBe(255);
  });

  it('half-pixel edges are anti-aliased, not snapped', () => {
    const alpha = docWith({ kind: 'shape', shape: 'rect', mode: 'add', points: [10.5, 10, 20, 20] }).alpha();
    expect(at(alpha, 10, 15)).toBeGreaterThan(100);
    expect(at(alpha, 10, 15)).toBeLessThan(160);
    expect(at(alpha, 11, 15)).toBe(0);
  });

  it('an ellipse covers about π·a·b pixels and subtract removes its middle', () => {
    const doc = docWith({ kind: 'shape', shape: 'ellipse', mode: 'add', points: [10, 10, 90, 70] });
    expect(repaintCount(doc.alpha())).toBeGreaterThan(Math.PI * 40 * 30 * 0.98);
    expect(repaintCount(doc.alpha())).toBeLessThan(Math.PI * 40 * 30 * 1.02);
    expect(at(doc.alpha(), 12, 12)).toBe(255); // corner outside the ellipse
    doc.push({ kind: 'shape', shape: 'rect', mode: 'subtract', points: [40, 30, 60, 50] });
    expect(at(doc.alpha(), 50, 40)).toBe(255);
    expect(at(doc.alpha(), 30, 40)).toBe(0);
  });

  it('a lasso polygon fills its inside (a triangle)', () => {
    const alpha = docWith({ kind: 'shape', shape: 'polygon', mode: 'add', points: [0, 0, 80, 0, 0, 80] }).alpha();
    expect(at(alpha, 5, 5)).toBe(0);
    expect(at(alpha, 70, 70)).toBe(255);
    expect(repaintCount(alpha)).toBeGreaterThan(3100);
    expect(repaintCount(alpha)).toBeLessThan(3300);
  });

  it('degenerate shapes record nothing', () => {
    const doc = new MaskDocument(W, H);
    expect(doc.push({ kind: 'shape', shape: 'rect', mode: 'add', points: [5, 5, 5, 40] })).toBe(false);
    expect(doc.push({ kind: 'shape', shape: 'polygon', mode: 'add', points: [5, 5, 9, 9] })).toBe(false);
    expect(doc.undoDepth).toBe(0);
  });
});

describe('fill, grow, shrink and feather', () => {
  it('bucket fill fills the enclosed region only', () => {
    // A ring: fill the outside of a hole-free square outline from inside.
    const doc = docWith(
      { kind: 'shape', shape: 'rect', mode: 'add', points: [20, 20, 60, 60] },
      { kind: 'shape', shape: 'rect', mode: 'subtract', points: [25, 25, 55, 55] },
      { kind: 'fill', mode: 'add', x: 40, y: 40, tolerance: 16 },
    );
    expect(at(doc.alpha(), 40, 40)).toBe(0);
    expect(at(doc.alpha(), 5, 5)).toBe(255);
    expect(repaintCount(doc.alpha())).toBe(40 * 40);
    doc.push({ kind: 'fill', mode: 'subtract', x: 40, y: 40, tolerance: 16 });
    expect(repaintCount(doc.alpha())).toBe(0);
  });

  it('grow and shrink move a square edge by N px, round at the corners', () => {
    const base = { kind: 'shape', shape: 'rect', mode: 'add', points: [40, 30, 60, 50] } as const;
    const grown = docWith(base, { kind: 'grow', radius: 5 }).alpha();
    expect(at(grown, 35, 40)).toBe(0);
    expect(at(grown, 33, 40)).toBe(255);
    expect(at(grown, 35, 25)).toBe(255); // corner stays round (distance > 5)
    const shrunk = docWith(base, { kind: 'grow', radius: -5 }).alpha();
    expect(at(shrunk, 45, 40)).toBe(0);
    expect(at(shrunk, 43, 40)).toBe(255);
    expect(repaintCount(shrunk)).toBe(10 * 10);
  });

  it('feather softens the edge but keeps the middle and far pixels', () => {
    const alpha = docWith(
      { kind: 'shape', shape: 'rect', mode: 'add', points: [20, 20, 80, 60] },
      { kind: 'feather', radius: 6 },
    ).alpha();
    expect(at(alpha, 50, 40)).toBe(0);
    expect(at(alpha, 2, 2)).toBe(255);
    const edge = at(alpha, 20, 40);
    expect(edge).toBeGreaterThan(60);
    expect(edge).toBeLessThan(200);
  });

  it('every operation replays to the same pixels as the incremental document', () => {
    const doc = docWith(
      { kind: 'paint', size: 10, hardness: 0.5, points: [10, 10, 90, 70], pressures: [0.2, 1] },
      { kind: 'shape', shape: 'ellipse', mode: 'add', points: [30, 20, 70, 60] },
      { kind: 'grow', radius: 2 },
      { kind: 'feather', radius: 3 },
      { kind: 'fill', mode: 'subtract', x: 50, y: 40, tolerance: 10 },
      { kind: 'invert' },
    );
    expect(Buffer.from(rasterizeMask(doc)).equals(Buffer.from(doc.alpha()))).toBe(true);
    doc.undo();
    doc.undo();
    expect(Buffer.from(rasterizeMask(doc)).equals(Buffer.from(doc.alpha()))).toBe(true);
  });

  it('pen pressure thins the stroke where pressure is low', () => {
    const alpha = docWith({
      kind: 'paint',
      size: 20,
      hardness: 1,
      points: [10, 40, 90, 40],
      pressures: [0.2, 1],
    }).alpha();
    expect(at(alpha, 12, 46)).toBe(255); // thin end: 4 px wide
    expect(at(alpha, 88, 46)).toBe(0); // full end: 20 px wide
  });
});

describe('replace (import) and memory', () => {
  it('replace is undoable and later strokes build on it', () => {
    const imported = new Uint8Array(W * H).fill(255);
    imported.fill(0, 0, W * 10);
    const doc = docWith({ kind: 'replace', alpha: imported, label: 'x.png' });
    expect(at(doc.alpha(), 5, 5)).toBe(0);
    doc.push({ kind: 'paint', size: 6, hardness: 1, points: [50, 50] });
    expect(Buffer.from(rasterizeMask(doc)).equals(Buffer.from(doc.alpha()))).toBe(true);
    doc.undo();
    doc.undo();
    expect(at(doc.alpha(), 5, 5)).toBe(255);
  });

  it('bitmap operations count against the history budget; the oldest go first', () => {
    let seed = 9;
    const noise = () => Uint8Array.from({ length: W * H }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 23);
    // Noise does not compress: each replace's patch is about W × H bytes, so 2.5 × W × H keeps two of them.
    const doc = new MaskDocument(W, H, { historyBudgetBytes: W * H * 2.5 });
    const bitmaps = Array.from({ length: 5 }, noise);
    for (const alpha of bitmaps) doc.push({ kind: 'replace', alpha, label: '' });
    expect(doc.historyBytes).toBeLessThanOrEqual(W * H * 2.5);
    expect(doc.undoDepth).toBe(2);
    expect(doc.alpha()).toEqual(bitmaps[4]);
    doc.undo();
    expect(doc.alpha()).toEqual(bitmaps[3]);
    doc.undo();
    expect(doc.alpha()).toEqual(bitmaps[2]);
  });

  it('an initial alpha (kept mask) is the floor, not an undo step', () => {
    const initial = new Uint8Array(W * H).fill(7);
    const doc = new MaskDocument(W, H, { initial });
    expect(at(doc.alpha(), 3, 3)).toBe(7);
    expect(doc.canUndo).toBe(false);
  });
});

describe('decodeMaskPng', () => {
  const rgba = (fill: (i: number) => [number, number, number, number]) => {
    const data = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i++) data.set(fill(i), i * 4);
    return encode({ width: W, height: H, data, channels: 4, depth: 8 });
  };

  it('reads alpha when the PNG is transparent (our own export convention)', () => {
    const mask = decodeMaskPng(rgba((i) => [0, 0, 0, i < W ? 0 : 255]));
    expect(mask.source).toBe('alpha');
    expect([mask.width, mask.height]).toEqual([W, H]);
    expect(mask.alpha[0]).toBe(0);
    expect(mask.alpha[W]).toBe(255);
  });

  it('reads an opaque black-and-white mask as white = repaint', () => {
    const mask = decodeMaskPng(rgba((i) => (i < W ? [255, 255, 255, 255] : [0, 0, 0, 255])));
    expect(mask.source).toBe('luminance');
    expect(mask.alpha[0]).toBe(0);
    expect(mask.alpha[W]).toBe(255);
  });

  it('refuses non-PNG bytes with a sentence', () => {
    expect(() => decodeMaskPng(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });

  it('explains size mismatches, and names rotation when the sides are swapped', () => {
    expect(maskSizeMismatch({ width: 10, height: 20 }, { width: 10, height: 20 })).toBeNull();
    expect(maskSizeMismatch({ width: 10, height: 20 }, { width: 30, height: 20 })).toMatch(
      /mask is 10 × 20 px but the base image is 30 × 20 px/,
    );
    expect(maskSizeMismatch({ width: 20, height: 10 }, { width: 10, height: 20 })).toMatch(/EXIF/);
  });

  it('resizeAlpha doubles a mask without shifting it', () => {
    const alpha = new Uint8Array(4 * 2).fill(255);
    alpha[0] = 0;
    const big = resizeAlpha(alpha, 4, 2, 8, 4);
    expect(big[0]).toBe(0);
    expect(big[7]).toBe(255);
  });
});
