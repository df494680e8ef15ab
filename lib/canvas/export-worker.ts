/// <reference lib="webworker" />
import { encodeMaskPng } from '@/lib/mask/png';
import { encodeMaskPngStream } from '@/lib/mask/png-stream';

/**
 * Encodes the mask PNG off the main thread, with the platform's zlib (CompressionStream): measured on
 * 4096², several times faster than both fast-png's JS deflate and OffscreenCanvas.convertToBlob (which
 * tries every PNG filter per row). fast-png is the fallback where CompressionStream is missing.
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
    const png =
      typeof CompressionStream === 'function'
        ? await encodeMaskPngStream(width, height, alpha)
        : encodeMaskPng(width, height, alpha);
    const blob = new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    scope.postMessage({ id, blob });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
