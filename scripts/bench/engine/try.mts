import sharp from 'sharp';
import { completeKernel } from '../../../lib/engine/pipeline/kernels/complete';
async function run(file: string, size: [number, number], hole: (x: number, y: number) => boolean, name: string) {
  const { data, info } = await sharp(file).resize(size[0], size[1], { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const w = info.width, h = info.height;
  const m = new Uint8Array(w * h); for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m[y * w + x] = hole(x, y) ? 1 : 0;
  const t0 = performance.now();
  const out = completeKernel({ width: w, height: h, rgb: new Uint8Array(data), hole: m, seed: 1 }, () => {});
  console.log(name, 'ms', Math.round(performance.now() - t0), 'levels', out.levels);
  await sharp(Buffer.from(out.rgb), { raw: { width: w, height: h, channels: 3 } }).png().toFile(`/tmp/eng/${name}.png`);
}
await run('/work/shared/samples/rocket.jpg', [1024, 1024], (x, y) => (x - 600) ** 2 + (y - 500) ** 2 < 100 ** 2, 'rocket200');
await run('/work/shared/samples/chelsea.png', [1024, 1024], (x, y) => (x - 400) ** 2 + (y - 600) ** 2 < 100 ** 2, 'chelsea200');
const cm = await sharp('/work/shared/samples/coffee-mask.png').resize(1536, 1024).ensureAlpha().extractChannel(3).raw().toBuffer();
await run('/work/shared/samples/coffee.png', [1536, 1024], (x, y) => cm[y * 1536 + x]! < 255, 'coffee1536');
