/**
 * The mask history on a 4096² document, in Node: 200 soft 246 px strokes across the image (the editor's default
 * brush size on 4096², hardness 0.5; every fifth erases), each rasterised while "drawn" through the editor's own `StrokeRecorder`
 * and committed with its prepared coverage, as pointer-up does. Reports p50/p95/max ms of
 *  - push: a commit while the history is below its cap (strokes 1–100);
 *  - fold: a commit past the cap, which also drops (or flattens) the oldest entry (strokes 101–200);
 *  - undo at depth 1..100 and then redo of all 100, each timed until `alpha()` is up to date (the view reads it
 *    right after, so lazy work counts);
 * plus the bytes the document holds. Prints one JSON line.
 *
 *   npx tsx scripts/bench/mask-editor/history.ts
 */
import os from 'node:os';
import { StrokeRecorder } from '@/lib/canvas/stroke-recorder';
import { MaskDocument } from '@/lib/mask/document';

const SIZE = 4096;
const STROKES = 200;
const BRUSH = { size: Math.round(SIZE * 0.06), hardness: 0.5 };

/**
 * Stroke i: 30 moves across 70 % of the image on a gentle wave, each on its own row (200 rows 18 px apart, visited
 * out of order), every fifth one erasing: no stroke repeats an earlier one, so every undo step has real pixels to
 * restore. The Playwright benchmark's rows repeat every 80 strokes, which would leave the later patches near empty.
 */
function stroke(i: number): { kind: 'paint' | 'erase'; points: { x: number; y: number }[] } {
  const y = SIZE * (0.05 + (0.9 * ((i * 37) % STROKES)) / STROKES);
  const points = Array.from({ length: 31 }, (_, k) => ({
    x: SIZE * 0.15 + (SIZE * 0.7 * k) / 30,
    y: y + Math.sin(k / 3 + i) * 80,
  }));
  return { kind: i % 5 === 4 ? 'erase' : 'paint', points };
}

const round = (v: number) => Math.round(v * 100) / 100;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: round(q(0.5)), p95: round(q(0.95)), max: round(sorted.at(-1) ?? NaN) };
};

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function main(): void {
  const started = performance.now();
  const doc = new MaskDocument(SIZE, SIZE);
  const recorder = new StrokeRecorder();
  const push: number[] = [];
  const fold: number[] = [];
  for (let i = 0; i < STROKES; i++) {
    const { kind, points } = stroke(i);
    const [first, ...rest] = points;
    recorder.begin(1, { ...BRUSH, kind }, first!, doc);
    recorder.extend(1, rest);
    const finished = recorder.finish(1)!;
    const coverage = recorder.coverage;
    const full = doc.undoDepth >= doc.historyLimit;
    (full ? fold : push).push(timed(() => doc.push(finished, coverage)));
  }
  const depth = doc.undoDepth;
  const undo: number[] = [];
  const redo: number[] = [];
  for (let i = 0; i < depth; i++) undo.push(timed(() => (doc.undo(), doc.alpha())));
  for (let i = 0; i < depth; i++) redo.push(timed(() => (doc.redo(), doc.alpha())));
  const result = {
    bench: 'mask-history',
    size: `${SIZE}x${SIZE}`,
    strokes: STROKES,
    brush: BRUSH,
    undoDepth: depth,
    pushMs: stats(push),
    foldMs: stats(fold),
    undoMs: stats(undo),
    // The first call of each compiles it (V8): shown apart from the steady state above.
    firstMs: { push: round(push[0]!), undo: round(undo[0]!), redo: round(redo[0]!) },
    redoMs: stats(redo),
    historyBytes: doc.historyBytes,
    retainedBytes: doc.retainedBytes,
    runSeconds: Math.round((performance.now() - started) / 100) / 10,
    cores: os.availableParallelism(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 10) / 10),
    node: process.version,
  };
  console.log(JSON.stringify(result));
}

main();
