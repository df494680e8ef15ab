import sharp from 'sharp';
import { completeKernel } from '../../../lib/engine/pipeline/kernels/complete';
const { data, info } = await sharp('/work/shared/samples/rocket.jpg').resize(1024, 1024, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const w = info.width, h = info.height;
const m = new Uint8Array(w * h); for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m[y * w + x] = (x - 600) ** 2 + (y - 500) ** 2 < 100 ** 2 ? 1 : 0;
(globalThis as any).__dump = async (i: number, l: any, f: any) => {
  let s = 0; for (let k = 0; k < f.nd.length; k++) s += f.nd[k];
  console.log('level', i, l.w, l.h, 'targets', f.targets.length, 'valid', f.validList.length, 'mean nd', s / f.nd.length);
  await sharp(Buffer.from(l.img), { raw: { width: l.w, height: l.h, channels: 3 } }).resize(512, 512, { kernel: 'nearest' }).png().toFile(`/tmp/eng/lvl${i}.png`);
};
completeKernel({ width: w, height: h, rgb: new Uint8Array(data), hole: m, seed: 1 }, () => {});
