import { describe, expect, it } from 'vitest';
import { MaskDocument } from './document';
import { rasterizeMask } from './rasterize';
import type { MaskOperation, MaskStroke } from './types';

/** A deterministic generator, so a failure replays. */
const seeded = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** A soft stroke across much of a w × h mask: big rectangles, ramps and overlaps, like real brushing. */
const softStroke = (random: () => number, w: number, h: number): MaskStroke => ({
  kind: random() < 0.8 ? 'paint' : 'erase',
  size: 10 + random() * w * 0.2,
  hardness: random() * 0.8,
  points: Array.from({ length: 12 }, (_, k) => (k % 2 ? random() * h : random() * w)),
});

const dot = (x: number, y: number, kind: 'paint' | 'erase' = 'paint', size = 10): MaskStroke => ({
  kind,
  size,
  hardness: 1,
  points: [x, y],
});
/** How many bytes differ: 0 expected (vitest's deep `toEqual` on a typed array costs seconds per call). */
const differing = (a: Uint8Array | null, b: Uint8Array | undefined) => {
  if (!a || !b || a.length !== b.length) return Infinity;
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
};
const px = (doc: MaskDocument, x: number, y: number) => doc.alpha()[y * doc.width + x]!;

describe('MaskDocument', () => {
  it('records one entry per operation and undoes / redoes it', () => {
    const doc = new MaskDocument(100, 80);
    expect(doc.canUndo).toBe(false);
    expect(doc.push(dot(20, 20))).toBe(true);
    expect(doc.push({ kind: 'invert' })).toBe(true);
    expect(doc.undoDepth).toBe(2);
    expect(px(doc, 20, 20)).toBe(255);
    expect(px(doc, 90, 70)).toBe(0);

    expect(doc.undo()).toBe(true);
    expect(px(doc, 20, 20)).toBe(0);
    expect(px(doc, 90, 70)).toBe(255);
    expect(doc.undo()).toBe(true);
    expect(doc.alpha().every((a) => a === 255)).toBe(true);
    expect(doc.undo()).toBe(false);
    expect(doc.canRedo).toBe(true);

    expect(doc.redo()).toBe(true);
    expect(px(doc, 20, 20)).toBe(0);
    expect(doc.redo()).toBe(true);
    expect(px(doc, 90, 70)).toBe(0);
    expect(doc.redo()).toBe(false);
  });

  it('drops the redo branch when something new is recorded', () => {
    const doc = new MaskDocument(100, 80);
    doc.push(dot(20, 20));
    doc.push(dot(60, 60));
    doc.undo();
    doc.push(dot(80, 20));
    expect(doc.canRedo).toBe(false);
    expect(px(doc, 60, 60)).toBe(255);
    expect(px(doc, 80, 20)).toBe(0);
    expect(doc.operations).toHaveLength(2);
  });

  it('clear is undoable', () => {
    const doc = new MaskDocument(50, 50);
    doc.push(dot(25, 25));
    doc.push({ kind: 'clear' });
    expect(px(doc, 25, 25)).toBe(255);
    doc.undo();
    expect(px(doc, 25, 25)).toBe(0);
  });

  it('ignores operations that cannot change the mask', () => {
    const doc = new MaskDocument(50, 50);
    const version = doc.version;
    expect(doc.push({ kind: 'paint', size: 10, hardness: 1, points: [] })).toBe(false);
    expect(doc.push({ kind: 'paint', size: 0, hardness: 1, points: [1, 1] })).toBe(false);
    expect(doc.push({ kind: 'paint', size: 5, hardness: 1, points: [NaN, 1] })).toBe(false);
    expect(doc.canUndo).toBe(false);
    expect(doc.version).toBe(version);
  });

  it('keeps its own copy of each stroke', () => {
    const doc = new MaskDocument(50, 50);
    const points = [10, 10];
    doc.push({ kind: 'paint', size: 6, hardness: 1, points });
    points[0] = 40;
    doc.undo();
    doc.redo();
    expect(px(doc, 10, 10)).toBe(0);
    expect(px(doc, 40, 10)).toBe(255);
  });

  it('caps the history and keeps the flattened result of older entries', () => {
    const doc = new MaskDocument(200, 20, { historyLimit: 100 });
    for (let i = 0; i < 150; i++) doc.push(dot(i + 5.5, 10.5, 'paint', 2));
    expect(doc.undoDepth).toBe(100);
    expect(doc.operations).toHaveLength(100);
    let undone = 0;
    while (doc.undo()) undone++;
    expect(undone).toBe(100);
    // What is left is exactly the first 50 strokes, now under the oldest entry (the floor).
    const first50 = Array.from({ length: 50 }, (_, i) => dot(i + 5.5, 10.5, 'paint', 2));
    expect(doc.alpha()).toEqual(rasterizeMask({ width: 200, height: 20, operations: first50 }));
    expect(px(doc, 30, 10)).toBe(0);
    expect(px(doc, 100, 10)).toBe(255);
  });

  it('matches a from-scratch rasterisation after any mix of edits, undos and redos', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const doc = new MaskDocument(64, 48, { historyLimit: 12 });
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.25) doc.undo();
      else if (r < 0.35) doc.redo();
      else {
        const op: MaskOperation =
          r < 0.4
            ? { kind: 'invert' }
            : r < 0.42
              ? { kind: 'clear' }
              : {
                  kind: r < 0.8 ? 'paint' : 'erase',
                  size: 2 + random() * 20,
                  hardness: random(),
                  points: [random() * 64, random() * 48, random() * 64, random() * 48],
                };
        doc.push(op);
      }
      if (step % 7 === 0) expect(doc.alpha()).toEqual(rasterizeMask(doc));
    }
    expect(doc.undoDepth + doc.redoDepth).toBeLessThanOrEqual(12);
    expect(doc.alpha()).toEqual(rasterizeMask(doc));
  });

  it('undoes and redoes 100 steps back to exactly the bytes each step left', () => {
    const random = seeded(7);
    const doc = new MaskDocument(160, 120);
    const states = [doc.alpha().slice()];
    for (let i = 0; i < 100; i++) {
      doc.push(i % 25 === 24 ? { kind: 'invert' } : softStroke(random, 160, 120));
      states.push(doc.alpha().slice());
    }
    expect(doc.undoDepth).toBe(100);
    for (let depth = 99; depth >= 0; depth--) {
      expect(doc.undo()).toBe(true);
      expect(differing(doc.alpha(), states[depth])).toBe(0);
    }
    expect(doc.canUndo).toBe(false);
    for (let depth = 1; depth <= 100; depth++) {
      expect(doc.redo()).toBe(true);
      expect(differing(doc.alpha(), states[depth])).toBe(0);
    }
  });

  it('dropping entries past the cap keeps the current mask and every remaining undo step exact', () => {
    const random = seeded(11);
    const doc = new MaskDocument(160, 120, { historyLimit: 100 });
    const states = [doc.alpha().slice()];
    for (let i = 0; i < 140; i++) {
      doc.push(softStroke(random, 160, 120));
      states.push(doc.alpha().slice());
      expect(differing(doc.alpha(), states[i + 1])).toBe(0); // a push that drops the oldest entry changes nothing else
    }
    expect(doc.undoDepth).toBe(100);
    for (let depth = 139; depth >= 40; depth--) {
      doc.undo();
      expect(differing(doc.alpha(), states[depth])).toBe(0);
    }
    expect(doc.canUndo).toBe(false); // the first 40 strokes are now the floor
    expect(differing(doc.floor, states[40])).toBe(0);
    expect(differing(rasterizeMask(doc), states[40])).toBe(0);
  });

  it('keeps the history within its byte budget after many large strokes, dropping the oldest first', () => {
    const random = seeded(3);
    const budget = 256 * 1024;
    const doc = new MaskDocument(512, 512, { historyBudgetBytes: budget });
    const states = [doc.alpha().slice()];
    for (let i = 0; i < 80; i++) {
      doc.push({ ...softStroke(random, 512, 512), size: 150 + random() * 100 });
      states.push(doc.alpha().slice());
      expect(doc.historyBytes).toBeLessThanOrEqual(budget);
    }
    expect(doc.historyBytes).toBeGreaterThan(budget / 2);
    expect(doc.undoDepth).toBeGreaterThan(1);
    expect(doc.undoDepth).toBeLessThan(80); // the budget, not the cap, dropped entries
    expect(doc.retainedBytes).toBeLessThanOrEqual(2 * 512 * 512 + budget); // current + scratch + patches
    const depth = doc.undoDepth;
    for (let k = 1; k <= depth; k++) {
      doc.undo();
      expect(differing(doc.alpha(), states[80 - k])).toBe(0);
    }
  });

  it('undoes and redoes a bitmap replace (import, segmentation) exactly', () => {
    const random = seeded(5);
    const doc = new MaskDocument(200, 150);
    doc.push(softStroke(random, 200, 150));
    const before = doc.alpha().slice();
    const imported = Uint8Array.from({ length: 200 * 150 }, (_, i) => (i % 7 === 0 ? Math.floor(random() * 256) : 0));
    doc.push({ kind: 'replace', alpha: imported, label: 'subject' });
    doc.push(softStroke(random, 200, 150));
    const after = doc.alpha().slice();
    expect(differing(rasterizeMask(doc), after)).toBe(0); // the replace's bitmap comes back from its patch

    doc.undo();
    expect(differing(doc.alpha(), imported)).toBe(0);
    doc.undo();
    expect(differing(doc.alpha(), before)).toBe(0);
    expect(doc.lastChange?.rect).toEqual({ x0: 0, y0: 0, x1: 200, y1: 150 });
    doc.redo();
    expect(differing(doc.alpha(), imported)).toBe(0);
    doc.redo();
    expect(differing(doc.alpha(), after)).toBe(0);
  });
});
