import { describe, expect, it } from 'vitest';
import { MaskDocument } from './document';
import { rasterizeMask } from './rasterize';
import type { MaskOperation, MaskStroke } from './types';

const dot = (x: number, y: number, kind: 'paint' | 'erase' = 'paint', size = 10): MaskStroke => ({
  kind,
  size,
  hardness: 1,
  points: [x, y],
});
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
    // What is left is exactly the first 50 strokes, now living in the floor bitmap.
    const first50 = Array.from({ length: 50 }, (_, i) => dot(i + 5.5, 10.5, 'paint', 2));
    expect(doc.alpha()).toEqual(rasterizeMask({ width: 200, height: 20, operations: first50 }));
    expect(px(doc, 30, 10)).toBe(0);
    expect(px(doc, 100, 10)).toBe(255);
  });

  it('keeps checkpoint memory within its budget', () => {
    const size = 100 * 100;
    const doc = new MaskDocument(100, 100, { checkpointInterval: 2, checkpointBudgetBytes: size * 3 });
    for (let i = 0; i < 60; i++) doc.push(dot(i, 50));
    expect(doc.checkpointBytes).toBeGreaterThan(0);
    expect(doc.checkpointBytes).toBeLessThanOrEqual(size * 3);
    expect(doc.retainedBytes).toBeLessThanOrEqual(size * 5); // current + floor + budget

    const none = new MaskDocument(100, 100, { checkpointInterval: 1, checkpointBudgetBytes: size - 1 });
    for (let i = 0; i < 20; i++) none.push(dot(i, 50));
    expect(none.checkpointBytes).toBe(0);
  });

  it('matches a from-scratch rasterisation after any mix of edits, undos and redos', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const doc = new MaskDocument(64, 48, { historyLimit: 12, checkpointInterval: 3 });
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
});
