/// <reference lib="webworker" />
import { encodeMaskPng } from '@/lib/mask/png';
import { encodeMaskPngStream } from '@/lib/mask/png-stream';

/**
 * Encodes the mask PNG off the main thread. Measured on a 4096² mask (bench, 2 busy cores):
 * OffscreenCanvas.convertToBlob ~200 ms, the platform zlib through CompressionStream ~430–830 ms,
 * fast-png's JS deflate ~900 ms. So Chromium's own encoder first (RGB is black, so premultiplied
 * storage cannot change a single alpha value), then CompressionStream, then fast-png.
 */
interface Request {
  id: number;
  width: number;
  height: number;
  alpha: ArrayBuffer;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<Request>) => {
  const { id, width, height } = event.data;
  const alpha = new Uint8Array(event.data.alpha);
  try {
    let blob: Blob;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const image = ctx.createImageData(width, height);
      const data = image.data;
      for (let i = 0, j = 3; i < alpha.length; i++, j += 4) data[j] = alpha[i]!;
      ctx.putImageData(image, 0, 0);
      blob = await canvas.convertToBlob({ type: 'image/png' });
    } else {
      const png =
        typeof CompressionStream === 'function'
          ? await encodeMaskPngStream(width, height, alpha)
          : encodeMaskPng(width, height, alpha);
      blob = new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    }
    scope.postMessage({ id, blob });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
