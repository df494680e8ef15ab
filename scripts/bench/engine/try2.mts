import sharp from 'sharp';
import { completeKernel } from '../../../lib/engine/pipeline/kernels/complete';
const w = 256, h = 256;
const rgb = new Uint8Array(w * h * 3);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = ((x >> 3) + (y >> 3)) % 2 ? 220 : 30; rgb.set([v, (x * 7) % 256 > 128 ? 200 : 50, 100], (y * w + x) * 3); }
const hole = new Uint8Array(w * h);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) hole[y * w + x] = (x - 128) ** 2 + (y - 128) ** 2 < 50 ** 2 ? 1 : 0;
const out = completeKernel({ width: w, height: h, rgb: rgb.slice(), hole, seed: 3 }, () => {});
let err = 0, n = 0; for (let p = 0; p < w * h; p++) if (hole[p]) { for (let c = 0; c < 3; c++) err += Math.abs(out.rgb[p * 3 + c]! - rgb[p * 3 + c]!); n++; }
console.log('levels', out.levels, 'mean abs err', err / n / 3);
await sharp(Buffer.from(out.rgb), { raw: { width: w, height: h, channels: 3 } }).resize(512, 512, { kernel: 'nearest' }).png().toFile('/tmp/eng/synth.png');
