// The segmentation process, forked by lib/server/segmentation/index.ts. A separate process (not a worker
// thread, not the server's event loop): the model holds 1.2–1.8 GB while it runs and is released by ending
// the process, and a native crash in onnxruntime cannot take the web server down.
// Plain Node, never bundled by Next, so it does not import 'server-only' (which throws outside react-server).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { removeBackground } from '@imgly/background-removal-node';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
// The package ships its ONNX models in dist/; pointing publicPath there keeps it offline.
const publicPath = new URL('./', pathToFileURL(require.resolve('@imgly/background-removal-node'))).href;

process.on('message', async (message) => {
  const { id, image, maxPixels } = message;
  try {
    // The header first, before any pixel is decoded: the web side checked it too, but this process decodes, so it
    // holds its own line (sharp's default would let 268 MP through).
    const header = await sharp(Buffer.from(image), { limitInputPixels: false }).metadata();
    const pixels = (header.width ?? 0) * (header.height ?? 0);
    if (!pixels || pixels > maxPixels) {
      throw new Error(
        `image too large to segment: ${header.width} × ${header.height} px (at most ${maxPixels} pixels)`,
      );
    }
    // EXIF orientation applied first, so the selection has the base's displayed size.
    const upright = await sharp(Buffer.from(image), { limitInputPixels: maxPixels })
      .rotate()
      .ensureAlpha()
      .png()
      .toBuffer();
    const meta = await sharp(upright).metadata();
    let last = -1;
    const blob = await removeBackground(new Blob([upright], { type: 'image/png' }), {
      publicPath,
      model: 'medium',
      output: { format: 'image/x-rgba8' },
      progress: (key, current, total) => {
        // Loading the model is most of the wait before inference; report both as one 0..1 figure.
        const stage = key.startsWith('fetch') ? 'Loading the model' : 'Finding the subject';
        const base = key.startsWith('fetch') ? 0 : 0.6;
        const span = key.startsWith('fetch') ? 0.6 : 0.4;
        const value = Math.round((base + span * (total > 0 ? current / total : 0)) * 100) / 100;
        if (value !== last) process.send?.({ id, progress: value, stage });
        last = value;
      },
    });
    const rgba = new Uint8Array(await blob.arrayBuffer());
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    const foreground = new Uint8Array(width * height);
    for (let i = 0; i < foreground.length; i++) foreground[i] = rgba[i * 4 + 3] ?? 0;
    process.send?.({ id, width, height, foreground });
  } catch (error) {
    process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
