/**
 * Mask PNG encoders on 4096² masks, in Node: lib/mask/png.ts (what the export worker runs) against sharp encoding
 * the same RGBA pixels (the yardstick, as in bench.spec.ts) and fast-png (the old main-thread fallback).
 * The old worker path, OffscreenCanvas.convertToBlob, exists only in a browser: bench.spec.ts measures the worker.
 * Every output is decoded and compared with the input before it is timed. Median of 5 after one warm-up run.
 *
 *   npx tsx scripts/bench/mask-editor/encode-png.ts
 */
import os from 'node:os';
import { decode, encode } from 'fast-png';
import sharp from 'sharp';
import { MaskDocument } from '@/lib/mask/document';
import { featherMask } from '@/lib/mask/morphology';
import { encodeMaskPng } from '@/lib/mask/png';

const SIZE = 4096;
const RUNS = 5;

/** 200 horizontal brush strokes, like the Playwright benchmark draws (hardness 1 = the editor's default brush). */
function strokes(hardness: number): Uint8Array {
  const doc = new MaskDocument(SIZE, SIZE, { historyLimit: 1 });
  for (let i = 0; i < 200; i++) {
    const y = SIZE * (0.1 + ((i * 37) % 80) / 100);
    const points: number[] = [];
    for (let k = 0; k <= 30; k++) points.push(SIZE * 0.15 + (SIZE * 0.7 * k) / 30, y + Math.sin(k / 3) * 60);
    doc.push({ kind: 'paint', size: 120, hardness, points });
  }
  return doc.alpha().slice();
}

function rgbaOf(alpha: Uint8Array): Uint8Array {
  const rgba = new Uint8Array(alpha.length * 4);
  for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i]!;
  return rgba;
}

async function time(run: () => Promise<Uint8Array> | Uint8Array): Promise<{ ms: number; kb: number }> {
  await run(); // warm-up (JIT, sharp's thread pool)
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = (await run()).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10, kb: Math.round(bytes / 1024) };
}

async function main(): Promise<void> {
  const hard = strokes(1);
  const feathered = hard.slice();
  featherMask(feathered, SIZE, SIZE, 48); // the editor's "Feather" command, 48 px
  const masks = { 'hard-edged strokes': hard, 'strokes feathered 48 px': feathered };
  const rows: Record<string, string | number>[] = [];
  for (const [name, alpha] of Object.entries(masks)) {
    const rgba = rgbaOf(alpha);
    const ours = encodeMaskPng(SIZE, SIZE, alpha);
    const back = decode(ours).data;
    if (!Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(rgba))) {
      throw new Error(`${name}: encodeMaskPng did not round-trip`);
    }
    const results = {
      encodeMaskPng: await time(() => encodeMaskPng(SIZE, SIZE, alpha)),
      sharp: await time(() =>
        sharp(rgba, { raw: { width: SIZE, height: SIZE, channels: 4 } })
          .png()
          .toBuffer(),
      ),
      'fast-png (old fallback)': await time(() =>
        encode({ width: SIZE, height: SIZE, data: rgbaOf(alpha), channels: 4 }),
      ),
    };
    for (const [encoder, { ms, kb }] of Object.entries(results)) {
      rows.push({ mask: name, encoder, ms, kb, 'vs sharp': Math.round((ms / results.sharp.ms) * 100) / 100 });
    }
  }
  console.table(rows);
  console.log(
    `load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} cores`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
