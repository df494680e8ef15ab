/**
 * Object removal: exemplar-based completion of the masked area (`kernels/complete.ts`, in a worker), then the
 * alpha composite that keeps every opaque-mask pixel exactly and uses soft alpha as a blend weight.
 */
import type { RawImage } from './raw-image';
import { compositeInto, crop, holeBox } from './region';
import { sharedWorkerPool, type WorkerPool } from './worker-pool';

export interface CompleteOptions {
  /** Result index: seeds the random search, so n results differ and each is reproducible. */
  seed: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  pool?: WorkerPool;
}

/**
 * Fill where `alpha` < 255 with texture synthesised from the rest of the image and blend:
 * out = base·a/255 + filled·(1 − a/255). `base` is RGB, `alpha` one channel of the same size.
 */
export async function completeMasked(base: RawImage, alpha: RawImage, options: CompleteOptions): Promise<RawImage> {
  if (base.channels !== 3 || alpha.channels !== 1 || base.width !== alpha.width || base.height !== alpha.height) {
    throw new Error('completeMasked: base must be RGB and alpha one channel of the same size');
  }
  const tight = holeBox(alpha, 0);
  if (!tight) return { ...base, data: Buffer.from(base.data) };
  // Sources come from a region around the hole: 0.75 × its size on each side holds the texture that belongs
  // there, and keeps a small fill in a big photo from searching (and allocating for) the whole frame.
  const margin = Math.max(48, Math.round(0.75 * Math.max(tight.box.width, tight.box.height)));
  const { box } = holeBox(alpha, margin)!;
  // Both crops are fresh, unshared buffers (`Buffer.alloc`), so they move to the worker rather than being copied:
  // at 4k that is ~25 MB the main thread no longer holds. The alpha crop becomes the hole map in place.
  const rgb = ownBytes(crop(base, box).data);
  const hole = ownBytes(crop(alpha, box).data);
  for (let i = 0; i < hole.length; i++) hole[i] = hole[i]! < 255 ? 1 : 0;

  const pool = options.pool ?? sharedWorkerPool();
  const result = await pool.run(
    'complete',
    { width: box.width, height: box.height, rgb, hole, seed: options.seed },
    { transfer: [rgb.buffer, hole.buffer], onProgress: options.onProgress, signal: options.signal },
  );
  // The copy to paint into is made only now: during the fill (the worker's peak) the main thread holds no 4k extra.
  const out: RawImage = { ...base, data: Buffer.from(base.data) };
  const filled: RawImage = {
    data: Buffer.from(result.rgb.buffer, result.rgb.byteOffset, result.rgb.byteLength),
    width: box.width,
    height: box.height,
    channels: 3,
  };
  compositeInto(out, filled, alpha, box);
  return out;
}

/** A Uint8Array over the whole of `bytes`' own ArrayBuffer, copying only if the Buffer is a slice of a larger one. */
function ownBytes(bytes: Buffer): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) {
    return new Uint8Array(buffer);
  }
  return new Uint8Array(bytes);
}
