import 'server-only';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { z } from 'zod';
import { frameProblem } from '@/lib/expand/frame';
import { expandFrameSchema, fixedRatioSchema } from '@/lib/expand/schema';
import {
  FIXED_RATIOS,
  frameForRatio,
  layoutFrame,
  placementOf,
  type ExpandFrame,
  type Placement,
} from '@/lib/expand/geometry';
import { fail, ok, type Result } from '@/lib/errors';
import { withAspectRatio } from '@/lib/jobs/options';
import type { ExpandSubmission } from '@/lib/expand/types';
import type { Job } from '@/lib/jobs/types';
import { estimateRatioSet } from '@/lib/cost/estimate';
import { findAssets, storeGeneratedAsset } from '../assets';
import { currentActor } from '../auth/actor';
import { checkBudget } from '../cost/ledger';
import { currentPricing } from '../cost/settings';
import { submitJob, submitInputSchema } from '../jobs/submit';
import { blobStore } from '../storage/blobs';
import { buildExpandedMask, buildPaddedBase, canvasBuildLimit } from './build';
import { insertExpansionOnce, insertSetOnce } from './repository';

const placementSchema = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });

/**
 * One ratio to expand to: either the smallest canvas of the ratio with the original at a placement (a ratio set), or
 * the exact frame the user set in the editor (canvas size and the original's offset, in the original's pixels).
 */
const targetSchema = z.union([expandFrameSchema, z.object({ ratio: fixedRatioSchema, placement: placementSchema })]);

export const expandInputSchema = submitInputSchema.extend({
  referenceIds: submitInputSchema.shape.referenceIds.min(1, 'Expanding needs a base image: add a reference first.'),
  targets: z.array(targetSchema).min(1, 'Tick at least one ratio.').max(FIXED_RATIOS.length),
  fill: z.enum(['edge', 'neutral']).default('edge'),
});

/**
 * Submits the base expanded to one or more ratios (each a frame: see `targetSchema`): for each, builds the padded first image and its mask (same pixel
 * size, alpha 0 over the new area and what was painted), stores them, and submits an ordinary task through
 * `submitJob` (same checks, runner and upstream budgets as any task), with `size` set to that ratio. Several ratios
 * are grouped as one set. Idempotent per click: each ratio's key derives from the click's key.
 */
export async function submitExpanded(input: unknown, painted: Blob | null): Promise<Result<ExpandSubmission>> {
  // Every canvas is built in this request: a slot first, so a burst of sets answers "busy" instead of piling up.
  const release = await canvasBuildLimit().acquire();
  if (!release) {
    return fail(
      'server:busy',
      'The server is building other canvases right now; try Generate again in a few seconds.',
      {
        field: 'expand',
      },
    );
  }
  try {
    return await buildAndSubmit(input, painted);
  } finally {
    release();
  }
}

async function buildAndSubmit(input: unknown, painted: Blob | null): Promise<Result<ExpandSubmission>> {
  const parsed = expandInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.message ?? 'The expand settings could not be read.', {
      field: issue?.path.join('.') || 'form',
    });
  }
  const { idempotencyKey, prompt, options, referenceIds, targets, fill } = parsed.data;
  const [base] = await findAssets(referenceIds.slice(0, 1));
  if (!base || base.kind !== 'reference') {
    return fail('reference:not_found', 'The base image is no longer stored; remove it and add it again.', {
      field: 'references',
    });
  }
  // The whole set is checked against the budgets before anything is built; each task then reserves its own part.
  const unique = [...new Map(targets.map((target) => [target.ratio, target])).values()];
  const pricing = await currentPricing();
  const estimate = estimateRatioSet(
    pricing,
    { options, inputImages: referenceIds.length },
    unique.map((target) => target.ratio),
  );
  const affordable = await checkBudget((await currentActor()).id, estimate.micros, pricing.currency);
  if (!affordable.ok) return affordable;

  const original = await blobStore().read(base.sha256);

  let paintedBytes: Uint8Array | null = null;
  let paintedMaskId: string | null = null;
  if (painted && painted.size > 0) {
    paintedBytes = new Uint8Array(await painted.arrayBuffer());
    const meta = await sharp(paintedBytes)
      .metadata()
      .catch(() => null);
    if (!meta || meta.format !== 'png' || meta.width !== base.width || meta.height !== base.height) {
      return fail(
        'mask:size_mismatch',
        `The mask must be a PNG of ${base.width} × ${base.height}, the size of ${base.filename}.`,
        { field: 'mask' },
      );
    }
    paintedMaskId = (await storeGeneratedAsset({ kind: 'mask', bytes: paintedBytes, filename: 'mask.png' })).id;
  }

  const frames: { frame: ExpandFrame; placement: Placement }[] = [];
  for (const target of unique) {
    const frame = 'canvas' in target ? target : frameForRatio(base, target.ratio, target.placement);
    const problem = frameProblem(base, frame);
    if (problem)
      return fail('expand:invalid_frame', `${problem} Pick the ratio again in Expand canvas.`, { field: 'expand' });
    frames.push({ frame, placement: 'placement' in target ? target.placement : placementOf(base, frame) });
  }
  const setId =
    unique.length > 1 ? `set-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}` : null;
  if (setId) await insertSetOnce(setId, prompt);

  const stem = base.filename.replace(/\.[^.]+$/, '');
  const jobs: Job[] = [];
  for (const { frame, placement } of frames) {
    const { ratio } = frame;
    const layout = layoutFrame(base, frame);
    const [image, mask] = await Promise.all([
      buildPaddedBase(original, layout, fill),
      buildExpandedMask(paintedBytes, layout),
    ]);
    const padded = await storeGeneratedAsset({
      kind: 'reference',
      bytes: image,
      filename: `${stem}-${ratio.replace(':', 'x')}.png`,
    });
    const submitted = await submitJob(
      {
        idempotencyKey: `${idempotencyKey}:${ratio}`,
        prompt,
        // A set keeps one resolution where it can; 4k exists only for some ratios, so the others take 2k.
        options: withAspectRatio(options, ratio),
        referenceIds: [padded.id, ...referenceIds.slice(1)],
      },
      new Blob([new Uint8Array(mask)], { type: 'image/png' }),
      { kind: setId ? 'ratio_set' : 'single' },
    );
    if (!submitted.ok) return submitted;
    await insertExpansionOnce({
      jobId: submitted.data.id,
      setId,
      sourceId: base.id,
      paintedMaskId,
      ratio,
      placement,
      frame: { canvas: frame.canvas, offset: frame.offset },
      canvasWidth: layout.canvas.width,
      canvasHeight: layout.canvas.height,
      offsetX: layout.offset.x,
      offsetY: layout.offset.y,
      scale: layout.scale,
    });
    jobs.push(submitted.data);
  }
  return ok({ setId, jobs });
}
