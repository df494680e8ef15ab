/**
 * One 4096×4096 fill in a fresh process, for an honest peak-memory figure (RSS of the whole process, workers
 * included). The image is make-large.mjs's: the centre 400² of coffee.png, Lanczos3-upscaled ×10.24.
 * usage: tsx large.ts cup|quarter
 */
import path from 'node:path';
import sharp from 'sharp';
import { completeMasked } from '@/lib/engine/pipeline/inpaint';
import { createWorkerPool } from '@/lib/engine/pipeline/worker-pool';

const SIZE = 4096;
async function main(): Promise<void> {
  const which = process.argv[2] === 'quarter' ? 'quarter' : 'cup';
  const { data } = await sharp(path.resolve(process.cwd(), '../shared/samples/coffee.png'))
    .extract({ left: 100, top: 0, width: 400, height: 400 })
    .resize(SIZE, SIZE, { kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const alpha = Buffer.alloc(SIZE * SIZE, 255);
  const k = SIZE / 400;
  let holes = 0;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const inside =
        which === 'cup'
          ? ((x / k - 191) / 125) ** 2 + ((y / k - 152) / 140) ** 2 < 1
          : Math.abs(x - SIZE / 2) < SIZE / 4 && Math.abs(y - SIZE / 2) < SIZE / 4;
      if (!inside) continue;
      alpha[y * SIZE + x] = 0;
      holes++;
    }
  }
  const pool = createWorkerPool(1);
  const t0 = performance.now();
  await completeMasked(
    { data, width: SIZE, height: SIZE, channels: 3 },
    { data: alpha, width: SIZE, height: SIZE, channels: 1 },
    { seed: 0, pool },
  );
  const seconds = (performance.now() - t0) / 1000;
  await pool.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `| 4096² ${which} (${((100 * holes) / SIZE / SIZE).toFixed(1)} % hole) | engine | ${seconds.toFixed(1)} s | peak RSS ${peakMb.toFixed(0)} MB |`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
