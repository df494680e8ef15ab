/**
 * The offline engine against OpenCV's Telea inpainting and a plain blur fill, on real photographs with held-out
 * holes of four sizes. Prints a table, writes every result to scripts/bench/out/engine/, and the contact sheet to
 * public/readme/engine-contact-sheet.png. Run: `npm run bench:engine` (≈ 2–4 min on 2 cores).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { completeMasked } from '@/lib/engine/pipeline/inpaint';
import type { RawImage } from '@/lib/engine/pipeline/raw-image';
import { createWorkerPool } from '@/lib/engine/pipeline/worker-pool';
import { blurFill, psnrInHole, sharpnessRatio, ssimInHole, type Rgb } from './metrics';
import { teleaInpaint } from './telea';

const ROOT = process.cwd();
const SAMPLES = path.resolve(ROOT, '../shared/samples');
const OUT = path.join(ROOT, 'scripts/bench/out/engine');
const SHEET = path.join(ROOT, 'public/readme/engine-contact-sheet.png');
const SIZE = 1024;

type Method = 'engine' | 'telea' | 'blur';
const METHODS: Method[] = ['engine', 'telea', 'blur'];

interface HoleSpec {
  name: string;
  make(w: number, h: number, cx: number, cy: number): Uint8Array;
}

const HOLES: HoleSpec[] = [
  {
    // A 5-px scratch along a gentle curve, 500 px long.
    name: 'scratch',
    make: (w, h, cx, cy) =>
      shape(w, h, (x, y) => {
        const t = x - (cx - 250);
        if (t < 0 || t > 500) return false;
        return Math.abs(y - (cy + 60 * Math.sin(t / 80))) <= 2;
      }),
  },
  { name: 'blob-64', make: (w, h, cx, cy) => shape(w, h, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 < 32 ** 2) },
  { name: 'object-200', make: (w, h, cx, cy) => shape(w, h, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 < 100 ** 2) },
  {
    name: 'quarter',
    make: (w, h, cx, cy) => shape(w, h, (x, y) => Math.abs(x - cx) < w / 4 && Math.abs(y - cy) < h / 4),
  },
];

function shape(w: number, h: number, inside: (x: number, y: number) => boolean): Uint8Array {
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) hole[y * w + x] = inside(x, y) ? 1 : 0;
  return hole;
}

/** Photographs at 1024², and where on each the holes go (somewhere with texture, not on a flat border). */
const IMAGES = [
  { name: 'coffee', file: 'coffee.png', centre: [560, 560] },
  { name: 'chelsea', file: 'chelsea.png', centre: [420, 640] },
  { name: 'rocket', file: 'rocket.jpg', centre: [620, 520] },
] as const;

async function loadSquare(file: string): Promise<Rgb> {
  const { data, info } = await sharp(path.join(SAMPLES, file))
    .rotate()
    .resize(SIZE, SIZE, { fit: 'cover', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

function toRaw(image: Rgb): RawImage {
  return { data: Buffer.from(image.data), width: image.width, height: image.height, channels: 3 };
}

function alphaOf(hole: Uint8Array, w: number, h: number): RawImage {
  return { data: Buffer.from(hole.map((v) => (v ? 0 : 255))), width: w, height: h, channels: 1 };
}

/** Peak RSS above the starting point while `run` works, sampled every 5 ms (workers share the process's RSS). */
async function measure<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  const value = await run();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { value, ms, peakMb: (peak - start) / 2 ** 20 };
}

interface Row {
  image: string;
  hole: string;
  method: Method;
  psnr: number;
  ssim: number;
  sharp: number;
  ms: number;
  peakMb: number;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const pool = createWorkerPool(1);
  const rows: Row[] = [];
  const tiles: Array<{ image: string; hole: string; method: Method | 'input'; png: Buffer }> = [];

  // Warm up: OpenCV's WASM init and the worker's start are not part of any one fill.
  const warm = await loadSquare('coffee.png');
  const warmHole = HOLES[1]!.make(SIZE, SIZE, 500, 500);
  await teleaInpaint(toRaw(warm), alphaOf(warmHole, SIZE, SIZE), { method: 'telea', radius: 5 }, Infinity);
  await completeMasked(toRaw(warm), alphaOf(warmHole, SIZE, SIZE), { seed: 0, pool });

  for (const spec of IMAGES) {
    const truth = await loadSquare(spec.file);
    for (const holeSpec of HOLES) {
      const hole = holeSpec.make(SIZE, SIZE, spec.centre[0], spec.centre[1]);
      const alpha = alphaOf(hole, SIZE, SIZE);
      // The object is gone: what the methods see inside the hole is black, never the answer.
      const input = toRaw(truth);
      for (let p = 0; p < hole.length; p++) if (hole[p]) input.data.fill(0, p * 3, p * 3 + 3);
      tiles.push({ image: spec.name, hole: holeSpec.name, method: 'input', png: await tile(toRgb(input), hole) });
      for (const method of METHODS) {
        const { value, ms, peakMb } = await measure(async (): Promise<Rgb> => {
          if (method === 'engine') return toRgb(await completeMasked(input, alpha, { seed: 0, pool }));
          // Full resolution: the fairest Telea (the foundation's engine ran it on a downscaled hole).
          if (method === 'telea')
            return toRgb(await teleaInpaint(input, alpha, { method: 'telea', radius: 5 }, Infinity));
          return blurFill(toRgb(input), hole);
        });
        rows.push({
          image: spec.name,
          hole: holeSpec.name,
          method,
          psnr: psnrInHole(value, truth, hole),
          ssim: ssimInHole(value, truth, hole),
          sharp: sharpnessRatio(value, hole),
          ms,
          peakMb,
        });
        const name = `${spec.name}-${holeSpec.name}-${method}.png`;
        await sharp(Buffer.from(value.data), { raw: { width: SIZE, height: SIZE, channels: 3 } })
          .png()
          .toFile(path.join(OUT, name));
        tiles.push({ image: spec.name, hole: holeSpec.name, method, png: await tile(value, hole) });
        console.error(`  ${name}: ${ms.toFixed(0)} ms`);
      }
    }
  }
  await pool.close();

  printTable(rows);
  await writeFile(path.join(OUT, 'results.json'), JSON.stringify(rows, null, 2));
  await contactSheet(tiles);
  console.log(`\nImages: ${path.relative(ROOT, OUT)}/   Contact sheet: ${path.relative(ROOT, SHEET)}`);
  console.log('\n4096² (fresh process, peak RSS of the whole process incl. workers):');
  for (const hole of ['cup', 'quarter']) {
    console.log(
      execFileSync(process.execPath, [...process.execArgv, path.join(ROOT, 'scripts/bench/engine/large.ts'), hole], {
        encoding: 'utf8',
      }).trim(),
    );
  }
}

function toRgb(image: RawImage): Rgb {
  return { data: new Uint8Array(image.data), width: image.width, height: image.height };
}

/** A 256² tile around the hole's centre region, for the contact sheet. */
async function tile(image: Rgb, hole: Uint8Array): Promise<Buffer> {
  let minX = SIZE;
  let minY = SIZE;
  let maxX = 0;
  let maxY = 0;
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    const x = p % SIZE;
    const y = (p - x) / SIZE;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const side = Math.min(SIZE, Math.max(160, Math.round(1.5 * Math.max(maxX - minX, maxY - minY))));
  const left = Math.max(0, Math.min(SIZE - side, Math.round((minX + maxX - side) / 2)));
  const top = Math.max(0, Math.min(SIZE - side, Math.round((minY + maxY - side) / 2)));
  return sharp(Buffer.from(image.data), { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .extract({ left, top, width: side, height: side })
    .resize(200, 200, { kernel: 'lanczos3' })
    .png()
    .toBuffer();
}

function printTable(rows: Row[]): void {
  console.log('\n| hole | method | PSNR in hole (dB) | SSIM in hole | sharpness ratio | time (ms) | peak RSS Δ (MB) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const hole of HOLES.map((h) => h.name)) {
    for (const method of METHODS) {
      const group = rows.filter((r) => r.hole === hole && r.method === method);
      const mean = (key: keyof Row) => group.reduce((s, r) => s + (r[key] as number), 0) / group.length;
      const max = (key: keyof Row) => Math.max(...group.map((r) => r[key] as number));
      console.log(
        `| ${hole} | ${method} | ${mean('psnr').toFixed(2)} | ${mean('ssim').toFixed(3)} | ${mean('sharp').toFixed(2)} | ${mean('ms').toFixed(0)} (max ${max('ms').toFixed(0)}) | ${max('peakMb').toFixed(0)} |`,
      );
    }
  }
  console.log(
    `\n(means over ${IMAGES.length} photographs at ${SIZE}×${SIZE}: ${IMAGES.map((i) => i.name).join(', ')})`,
  );
}

/** Rows: two photographs × two hole sizes; columns: the hole, blur, Telea, this engine. */
async function contactSheet(tiles: Array<{ image: string; hole: string; method: string; png: Buffer }>): Promise<void> {
  const rowsWanted: Array<[string, string]> = [
    ['coffee', 'object-200'],
    ['rocket', 'object-200'],
    ['chelsea', 'blob-64'],
    ['coffee', 'quarter'],
  ];
  const columns = ['input', 'blur', 'telea', 'engine'];
  const labelHeight = 28;
  const composites: Array<{ input: Buffer; left: number; top: number }> = [];
  const titles = ['hole', 'blur fill', 'OpenCV Telea', 'offline engine'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${labelHeight}"><rect width="100%" height="100%" fill="#18181b"/>${titles
    .map(
      (t, i) =>
        `<text x="${i * 200 + 100}" y="19" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#e4e4e7" text-anchor="middle">${t}</text>`,
    )
    .join('')}</svg>`;
  composites.push({ input: Buffer.from(svg), left: 0, top: 0 });
  rowsWanted.forEach(([image, hole], r) => {
    columns.forEach((method, c) => {
      const found = tiles.find((t) => t.image === image && t.hole === hole && t.method === method);
      if (found) composites.push({ input: found.png, left: c * 200, top: labelHeight + r * 200 });
    });
  });
  await mkdir(path.dirname(SHEET), { recursive: true });
  await sharp({
    create: { width: 800, height: labelHeight + rowsWanted.length * 200, channels: 3, background: '#18181b' },
  })
    .composite(composites)
    .png({ palette: true, quality: 85, effort: 10 })
    .toFile(SHEET);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
