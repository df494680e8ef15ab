/**
 * References without a mask: the base keeps its structure and takes the colour statistics of the other
 * references (Reinhard colour transfer in L*a*b*, `kernels/transfer.ts`, in a worker).
 */
import sharp from 'sharp';
import { PipelineError } from './errors';
import type { RawImage } from './raw-image';
import { sharedWorkerPool, type WorkerPool } from './worker-pool';

/** Statistics need no detail: 256 px on the long side is plenty and keeps 16 references cheap. */
const STATS_SIZE = 256;

/** Transfer strength for result `index`: the full transfer first, then gentler ones, so n results differ. */
export function blendStrength(index: number): number {
  return 1 / (1 + 0.5 * index);
}

export async function blendReferences(
  base: RawImage,
  references: Uint8Array[],
  options: { strength: number; signal?: AbortSignal; onProgress?: (fraction: number) => void; pool?: WorkerPool },
): Promise<RawImage> {
  const small = await Promise.all(
    references.map(async (bytes, i) => {
      try {
        const data = await sharp(bytes)
          .rotate()
          .resize({ width: STATS_SIZE, height: STATS_SIZE, fit: 'inside' })
          .flatten({ background: '#ffffff' })
          .toColourspace('srgb')
          .removeAlpha()
          .raw()
          .toBuffer();
        return new Uint8Array(data);
      } catch {
        throw new PipelineError(`Reference image ${i + 2} could not be decoded as an image`);
      }
    }),
  );
  const rgb = new Uint8Array(base.data);
  const result = await (options.pool ?? sharedWorkerPool()).run(
    'transfer',
    { width: base.width, height: base.height, rgb, references: small, strength: options.strength },
    { transfer: [rgb.buffer], signal: options.signal, onProgress: options.onProgress },
  );
  return { ...base, data: Buffer.from(result.rgb.buffer, result.rgb.byteOffset, result.rgb.byteLength) };
}
