import 'server-only';
import sharp from 'sharp';
import { ratiosDiffer, type RestoreState } from '@/lib/jobs/restore';
import type { Drift } from '@/lib/restore/drift';
import type { RestoreInput, RestoreOutput } from '@/lib/restore/restore';
import { findAssets, storeGeneratedAsset } from '../assets';
import { blobStore } from '../storage/blobs';
import type { AssetRow, JobRow } from '../storage/schema';
import { measureDriftOffThread, restorePixelsOffThread } from './pixel-worker';
import { withRestoreSlot } from './queue';
import { renameAsset, saveRestore } from './repository';

/** What restoring one result came to; `bytes` is the restored image when there is one. */
export interface RestoreOutcome {
  state: RestoreState;
  reason?: string;
  drift: Drift | null;
  alignment?: { dx: number; dy: number; scale: number };
  bytes?: Uint8Array;
}

export interface RestoreSources {
  /** The task's first image as stored (EXIF orientation not yet applied). */
  base: Uint8Array;
  /** The task's mask: alpha 0 repaint, 255 keep, at the base's displayed size. */
  mask: Uint8Array;
  /** The model's output as mirrored. */
  output: Uint8Array;
  /** False: only measure the drift (Keep unmasked pixels was off). */
  restore: boolean;
}

/**
 * After a result is mirrored: makes the restored version and records both. Returns the asset the gallery should
 * show (the restored one, or the model's own output when restoring did not apply or failed). Never throws for a
 * restoration problem: the model's result is never lost.
 */
export async function restoreMirroredResult(
  job: JobRow,
  position: number,
  generated: AssetRow,
  output: Uint8Array,
): Promise<AssetRow> {
  if (!job.maskId) return generated;
  const keepOn = job.options.keepUnmasked !== false;
  let outcome: RestoreOutcome;
  try {
    outcome = await withRestoreSlot(async () => {
      const [base] = await findAssets(job.referenceIds.slice(0, 1));
      const [mask] = await findAssets([job.maskId!]);
      if (!base || !mask)
        return { state: 'failed', reason: 'the base or the mask of this task is no longer stored', drift: null };
      const store = blobStore();
      const [baseBytes, maskBytes] = await Promise.all([store.read(base.sha256), store.read(mask.sha256)]);
      return restoreImage({ base: baseBytes, mask: maskBytes, output, restore: keepOn });
    });
  } catch (error) {
    // Logged once, by kind only: image bytes and paths are nobody's business in a log line.
    console.error(`[overpaint] restoring result ${position + 1} of job ${job.id} failed: ${errorKind(error)}`);
    outcome = { state: 'failed', reason: 'restoring the unmasked pixels failed', drift: null };
  }

  let shown = generated;
  if (outcome.bytes) {
    shown = await storeGeneratedAsset({ kind: 'result', bytes: outcome.bytes, filename: generated.filename });
    await renameAsset(generated.id, asGeneratedName(generated.filename));
  }
  await saveRestore({
    jobId: job.id,
    position,
    generatedAssetId: generated.id,
    state: outcome.state,
    reason: outcome.reason ?? null,
    changedShare: outcome.drift?.changedShare ?? null,
    meanDelta: outcome.drift?.meanDelta ?? null,
    shiftX: outcome.alignment?.dx ?? null,
    shiftY: outcome.alignment?.dy ?? null,
    scale: outcome.alignment?.scale ?? null,
  });
  return shown;
}

/**
 * The image work: the base as displayed (EXIF applied) and the mask, both resampled with Lanczos-3 to the output's
 * pixel size, drift measured, then `restorePixels`, encoded in the output's own format.
 */
export async function restoreImage(sources: RestoreSources): Promise<RestoreOutcome> {
  const outputMeta = await sharp(sources.output).metadata();
  const baseMeta = await sharp(sources.base).metadata();
  const width = outputMeta.width ?? 0;
  const height = outputMeta.height ?? 0;
  const baseSize = {
    width: baseMeta.autoOrient?.width ?? baseMeta.width ?? 0,
    height: baseMeta.autoOrient?.height ?? baseMeta.height ?? 0,
  };
  if (!width || !height || !baseSize.width || !baseSize.height) throw new Error('unreadable image size');
  if (ratiosDiffer({ width, height }, baseSize)) {
    return {
      state: 'as_generated',
      reason: `the result is ${width} × ${height}, another ratio than the base (${baseSize.width} × ${baseSize.height}), and the base can't be restored at another ratio`,
      drift: null,
    };
  }
  const output = bytesOf(await sharp(sources.output).ensureAlpha().raw().toBuffer());
  // Within the 1 % the model may have stretched the base to its frame or cropped it (cover): try both, keep the
  // one whose edges line up best. Same shape: one candidate, no resampling when the size is the same too.
  const fits: Array<'fill' | 'cover'> =
    Math.abs(width / height - baseSize.width / baseSize.height) > 1e-3 ? ['cover', 'fill'] : ['fill'];
  let best: { planes: RestoreInput; result: RestoreOutput | null } | null = null;
  for (const fit of fits) {
    const planes = { ...(await resampledSources(sources, baseSize, { width, height }, fit)), output, width, height };
    if (!sources.restore) {
      return {
        state: 'not_applicable',
        reason: 'Keep unmasked pixels was off for this task.',
        drift: await measureDriftOffThread(planes),
      };
    }
    // The pixel work runs in a worker thread: at 4k it is 1–2 s of arithmetic the event loop must not wait for.
    const result = await restorePixelsOffThread(planes);
    if (!best?.result || (result.alignment.ok && result.alignment.residual < best.result.alignment.residual))
      best = { planes, result };
  }
  const result = best!.result!;
  const alignment = { dx: result.alignment.dx, dy: result.alignment.dy, scale: result.alignment.scale };
  if (!result.pixels) return { state: 'as_generated', reason: result.reason, drift: result.drift, alignment };

  let encoder = sharp(result.pixels, { raw: { width, height, channels: 4 } });
  if (!outputMeta.hasAlpha) encoder = encoder.removeAlpha();
  const encoded =
    outputMeta.format === 'jpeg'
      ? await encoder.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer()
      : await encoder.png({ compressionLevel: 6 }).toBuffer();
  return { state: 'restored', drift: result.drift, alignment, bytes: new Uint8Array(encoded) };
}

/** The base (EXIF applied) and the mask's alpha at the output's size, Lanczos-3, stretched or centre-cropped. */
async function resampledSources(
  sources: RestoreSources,
  baseSize: { width: number; height: number },
  size: { width: number; height: number },
  fit: 'fill' | 'cover',
): Promise<{ base: Uint8Array; keep: Uint8Array }> {
  const same = size.width === baseSize.width && size.height === baseSize.height;
  const resize = { ...size, fit, kernel: 'lanczos3' as const };
  const base = sharp(sources.base, { limitInputPixels: false }).rotate();
  const mask = sharp(sources.mask, { limitInputPixels: false }).ensureAlpha().extractChannel(3);
  const [baseRaw, keepRaw] = await Promise.all([
    (same ? base : base.resize(resize)).ensureAlpha().raw().toBuffer(),
    (same ? mask : mask.resize(resize)).raw().toBuffer(),
  ]);
  return { base: bytesOf(baseRaw), keep: bytesOf(keepRaw) };
}

function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function asGeneratedName(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? `${filename.slice(0, dot)}-as-generated${filename.slice(dot)}` : `${filename}-as-generated`;
}

function errorKind(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message).slice(0, 120);
  return 'unknown error';
}
