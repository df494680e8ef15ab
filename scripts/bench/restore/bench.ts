/**
 * Restoration time for 1k, 2k and 4k results (targets: ≤ 1 s at 2k, ≤ 2.5 s at 4k on the 2-core machine).
 * Each size: a photo (chelsea.png, Lanczos-upscaled) as the base, a drifted model output made the way the
 * contract server's drift mode makes one (hue turn, brightness, the mask painted, the frame moved 3 px), a disc
 * mask; `restoreImage` end to end (decode, EXIF, resample, align, colour-correct, feather, PNG encode), median of
 * `RUNS`, and the pixel work alone (`restorePixels`).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { restorePixels } from '@/lib/restore/restore';
import { restoreImage } from '@/lib/server/restore/restore-result';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = [
  { name: '1k', width: 1024, height: 1024 },
  { name: '2k', width: 2048, height: 2048 },
  { name: '4k', width: 3840, height: 2160 },
];
const SAMPLE = path.resolve(process.cwd(), '../shared/samples/chelsea.png');

async function inputs(width: number, height: number) {
  const base = await sharp(readFileSync(SAMPLE))
    .resize({ width, height, fit: 'cover', kernel: 'lanczos3' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const keep = Buffer.alloc(width * height, 255);
  const r = Math.min(width, height) / 6;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if ((x - width / 2) ** 2 + (y - height / 2) ** 2 < r * r) keep[y * width + x] = 0;
  const maskRgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < keep.length; i++) maskRgba[i * 4 + 3] = keep[i]!;
  const mask = await sharp(maskRgba, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
  const frame = await sharp(base).modulate({ hue: 40, brightness: 1.06 }).removeAlpha().raw().toBuffer();
  for (let i = 0; i < keep.length; i++) if (keep[i] === 0) frame.set([255, 0, 255], i * 3);
  const moved = Buffer.alloc(frame.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const s = (Math.max(0, y - 3) * width + Math.max(0, x - 3)) * 3;
      frame.copy(moved, (y * width + x) * 3, s, s + 3);
    }
  const output = await sharp(moved, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { base, mask, output };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  console.log(`restore benchmark · ${RUNS} runs each · median ms`);
  // CPU ms (this process, all threads, libvips included) is the figure to trust on a shared, loaded machine.
  console.log('size        pixels   end-to-end   CPU   pixel work   state      shift (px)');
  for (const size of SIZES) {
    const { base, mask, output } = await inputs(size.width, size.height);
    const total: number[] = [];
    const cpu: number[] = [];
    let last: Awaited<ReturnType<typeof restoreImage>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      last = await restoreImage({ base, mask, output, restore: true });
      total.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    const planes = {
      base: new Uint8Array(await sharp(base).ensureAlpha().raw().toBuffer()),
      output: new Uint8Array(await sharp(output).ensureAlpha().raw().toBuffer()),
      keep: new Uint8Array(await sharp(mask).extractChannel(3).raw().toBuffer()),
      width: size.width,
      height: size.height,
    };
    const pixels: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      restorePixels(planes);
      pixels.push(performance.now() - started);
    }
    const shift = last?.alignment ? `${last.alignment.dx.toFixed(2)}, ${last.alignment.dy.toFixed(2)}` : '-';
    console.log(
      `${size.name} ${`${size.width}×${size.height}`.padStart(10)} ${median(total).toFixed(0).padStart(11)} ${median(cpu).toFixed(0).padStart(6)} ${median(pixels).toFixed(0).padStart(12)}   ${last?.state.padEnd(10)} ${shift}`,
    );
  }
}

void main();
