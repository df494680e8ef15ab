/**
 * Mask PNG encoders on 4096² masks, in Node: lib/mask/png.ts (what the export worker runs) against sharp encoding
 * the same RGBA pixels (the yardstick, as in bench.spec.ts), fast-png (the old main-thread fallback) and a PNG
 * built on fflate's `zlibSync` (a dependency already; the candidate to replace the hand-written deflate if it came
 * within 1.5 × sharp). The fflate PNG gets the same Sub filter on the alpha channel that makes a mask's runs
 * compress, at levels 1 and 6.
 * The old worker path, OffscreenCanvas.convertToBlob, exists only in a browser: bench.spec.ts measures the worker.
 * Every output is decoded and compared with the input before it is timed. Median of 5 after one warm-up run.
 *
 *   npx tsx scripts/bench/mask-editor/encode-png.ts
 */
import os from 'node:os';
import { decode, encode } from 'fast-png';
import { zlibSync } from 'fflate';
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

/** An RGBA mask PNG (RGB 0, A = alpha) whose IDAT is fflate's zlib stream of Sub-filtered scanlines. */
function fflatePng(width: number, height: number, alpha: Uint8Array, level: 1 | 6): Uint8Array {
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub
    let left = 0;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const a = alpha[i]!;
      raw[row + 4 + x * 4] = (a - left) & 0xff;
      left = a;
    }
  }
  const idat = zlibSync(raw, { level });
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const parts = [PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    png.set(part, at);
    at += part.length;
  }
  return png;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  let crc = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) crc = CRC_TABLE[(crc ^ out[i]!) & 0xff]! ^ (crc >>> 8);
  view.setUint32(8 + data.length, (crc ^ 0xffffffff) >>> 0);
  return out;
}

function checkRoundTrip(name: string, encoder: string, png: Uint8Array, rgba: Uint8Array): void {
  const back = decode(png).data;
  if (!Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(rgba))) {
    throw new Error(`${name}: ${encoder} did not round-trip`);
  }
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
    checkRoundTrip(name, 'encodeMaskPng', encodeMaskPng(SIZE, SIZE, alpha), rgba);
    checkRoundTrip(name, 'fflate', fflatePng(SIZE, SIZE, alpha, 1), rgba);
    const results = {
      encodeMaskPng: await time(() => encodeMaskPng(SIZE, SIZE, alpha)),
      sharp: await time(() =>
        sharp(rgba, { raw: { width: SIZE, height: SIZE, channels: 4 } })
          .png()
          .toBuffer(),
      ),
      'fflate zlibSync level 1': await time(() => fflatePng(SIZE, SIZE, alpha, 1)),
      'fflate zlibSync level 6': await time(() => fflatePng(SIZE, SIZE, alpha, 6)),
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
