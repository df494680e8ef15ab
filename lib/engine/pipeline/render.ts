/**
 * What the offline engine paints for one task, as image operations only (no HTTP, no disk). Stages report
 * progress and check the abort signal between them, so a closing engine stops at a clean boundary.
 */
import { FOUR_K_RATIOS, outputSize, type AspectRatio, type OutputFormat, type Resolution } from '@/lib/jobs/options';
import { PipelineError } from './errors';
import { blendReferences, blendStrength } from './blend';
import { completeMasked } from './inpaint';
import { placeReference } from './place';
import { renderPlaceholder } from './placeholder';
import { coverResizeAlpha, coverResizeRgb, encode, probe, type RawImage } from './raw-image';
import type { WorkerPool } from './worker-pool';

export interface RenderInput {
  prompt: string;
  size: AspectRatio;
  resolution: Resolution;
  n: number;
  outputFormat: OutputFormat;
  /** JPEG quality 1–100; null means 90. */
  outputCompression: number | null;
  /** The first reference image (the one being edited), or null for text-only. */
  base: Uint8Array | null;
  /** PNG whose alpha marks what to repaint (0 = repaint), the base's size; only with a base. */
  mask: Uint8Array | null;
  /** The further references (2nd, 3rd, …): placed into the mask, or their colours transferred to the base. */
  references?: Uint8Array[];
}

export interface RenderHooks {
  onProgress?: (progress: number, stage: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** The workers to run pixel kernels on; the process-wide pool by default. */
  pool?: WorkerPool;
}

export interface RenderOutput {
  width: number;
  height: number;
  format: OutputFormat;
  images: Buffer[];
}

export const DEFAULT_JPEG_QUALITY = 90;

export async function render(input: RenderInput, hooks: RenderHooks = {}): Promise<RenderOutput> {
  const step = async (progress: number, stage: string) => {
    hooks.signal?.throwIfAborted();
    await hooks.onProgress?.(Math.round(progress), stage);
  };
  const n = Math.max(1, Math.floor(input.n));
  const quality = input.outputCompression ?? DEFAULT_JPEG_QUALITY;

  await step(5, 'decode');
  const baseInfo = input.base ? await probe(input.base, 'first reference image') : null;
  if (input.mask) {
    if (!input.base || !baseInfo) throw new PipelineError('A mask was given without a reference image');
    const maskInfo = await probe(input.mask, 'mask');
    if (maskInfo.width !== baseInfo.width || maskInfo.height !== baseInfo.height) {
      throw new PipelineError(
        `The mask is ${maskInfo.width}×${maskInfo.height} but the first image is ${baseInfo.width}×${baseInfo.height}; they must be the same size`,
      );
    }
    if (!maskInfo.hasAlpha) {
      throw new PipelineError(
        'The mask has no alpha channel; it must be a PNG where alpha 0 marks the area to repaint',
      );
    }
  }
  const target = outputSize(input.size, input.resolution, baseInfo);
  if (!target) throw new PipelineError(`4k is only available for ${FOUR_K_RATIOS.join(', ')}`);

  const images: Buffer[] = [];
  if (!input.base) {
    for (let i = 0; i < n; i++) {
      await step(10 + (60 * i) / n, `placeholder ${i + 1}/${n}`);
      const picture = await renderPlaceholder(input.prompt, target, i);
      await step(10 + (60 * (i + 0.5)) / n, `encode ${i + 1}/${n}`);
      images.push(await encode(picture, input.outputFormat, quality));
    }
    await step(95, 'store');
    return { ...target, format: input.outputFormat, images };
  }

  await step(15, 'resize');
  const base = await coverResizeRgb(input.base, target, 'first reference image');
  const alpha = input.mask ? await coverResizeAlpha(input.mask, target) : null;

  const references = input.references ?? [];
  const { signal, pool } = hooks;
  // Work inside a worker reports fractions; they land between this result's start and its encode.
  const within = (i: number, stage: string) => (fraction: number) => {
    if (signal?.aborted) return;
    void hooks.onProgress?.(Math.round(20 + (70 * (i + 0.85 * fraction)) / n), stage);
  };

  if (!alpha && references.length === 0) {
    // Nothing to repaint or blend: every output is the resized base, so encode it once.
    await step(60, 'encode');
    const bytes = await encode(base, input.outputFormat, quality);
    for (let i = 0; i < n; i++) images.push(bytes);
    await step(95, 'store');
    return { ...target, format: input.outputFormat, images };
  }

  for (let i = 0; i < n; i++) {
    const stage = alpha ? (references.length > 0 ? 'place' : 'complete') : 'blend';
    await step(20 + (70 * i) / n, `${stage} ${i + 1}/${n}`);
    let picture: RawImage;
    if (alpha) {
      picture = await completeMasked(base, alpha, { seed: i, signal, pool, onProgress: within(i, stage) });
      if (references[0]) picture = await placeReference(picture, alpha, references[0]);
    } else {
      picture = await blendReferences(base, references, {
        strength: blendStrength(i),
        signal,
        pool,
        onProgress: within(i, stage),
      });
    }
    await step(20 + (70 * (i + 0.9)) / n, `encode ${i + 1}/${n}`);
    images.push(await encode(picture, input.outputFormat, quality));
  }
  await step(95, 'store');
  return { ...target, format: input.outputFormat, images };
}
