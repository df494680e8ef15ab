import 'server-only';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { generationOptionsSchema, MAX_PROMPT_CHARS, MAX_REFERENCES } from '@/lib/jobs/options';
import { startPointSchema } from '@/lib/jobs/start-points';
import type { Job } from '@/lib/jobs/types';
import { findAssets, storeGeneratedAsset } from '../assets';
import { currentActor } from '../auth/actor';
import { serverEnv } from '../env';
import { estimateTask } from '@/lib/cost/estimate';
import { checkBudget, insertJobReserving, type WorkKind } from '../cost/ledger';
import { currentPricing } from '../cost/settings';
import { getDb } from '../storage/db';
import { getJobView } from './repository';
import { wakeJobRunner } from './runner';

export const submitInputSchema = z.object({
  idempotencyKey: z.string().min(8).max(100),
  prompt: z
    .string()
    .trim()
    .min(1, 'Describe the edit you want: the prompt is empty.')
    .max(MAX_PROMPT_CHARS, `The prompt can be at most ${MAX_PROMPT_CHARS} characters.`),
  options: generationOptionsSchema,
  referenceIds: z.array(z.string().min(1)).max(MAX_REFERENCES, `A task takes at most ${MAX_REFERENCES} references.`),
  /** The Start section's mode; inpainting is refused without a base and a mask rather than sent as a plain edit. */
  startPoint: startPointSchema.nullish(),
});
export type SubmitInput = z.infer<typeof submitInputSchema>;

/** What kind of work a task is part of, for budgets and the Usage page (a single Generate unless said). */
export interface SubmitContext {
  kind?: WorkKind;
  /** Whose task it is, when no request carries the person (a batch's feeder submits on behalf of its starter). */
  createdBy?: string;
}

/**
 * Accepts one Generate: checks everything a user could get wrong (naming the field), refuses it when it would cross
 * a monthly budget (before anything is stored or uploaded), stores the mask, records the job once per idempotency
 * key with its estimate reserved, and wakes the runner (which starts it under its limit). Upstream problems after
 * this point show on the job, not here. Everything that makes a task comes through here, so every path (ratio sets,
 * batches, the API) is held to the budgets.
 */
export async function submitJob(input: unknown, mask: Blob | null, context: SubmitContext = {}): Promise<Result<Job>> {
  const parsed = submitInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'form';
    return fail('form:invalid', `${fieldLabel(field)}: ${issue?.message ?? 'invalid value'}`, { field });
  }
  const { idempotencyKey, prompt, options, referenceIds, startPoint = null } = parsed.data;
  if (startPoint === 'inpaint' && referenceIds.length === 0) {
    return fail('mask:missing', 'Inpainting needs a base image: add one to the references first.', {
      field: 'references',
    });
  }
  if (startPoint === 'inpaint' && (!mask || mask.size === 0)) {
    return fail('mask:missing', 'Mask: no mask painted yet. Paint the area to change on the base, then Generate.', {
      field: 'mask',
    });
  }

  const actorId = context.createdBy ?? (await currentActor()).id;
  const pricing = await currentPricing();
  const estimate = estimateTask(pricing, { options, inputImages: referenceIds.length });
  const affordable = await checkBudget(actorId, estimate.micros, pricing.currency);
  if (!affordable.ok) return affordable;

  const references = await findAssets(referenceIds);
  if (references.length !== referenceIds.length || references.some((asset) => asset.kind !== 'reference')) {
    return fail('reference:not_found', 'A reference image is no longer stored; remove it and add it again.', {
      field: 'references',
    });
  }

  let maskId: string | null = null;
  if (mask && mask.size > 0) {
    const base = references[0];
    if (!base) return fail('mask:invalid', 'A mask needs a base image: add a reference first.', { field: 'mask' });
    const bytes = new Uint8Array(await mask.arrayBuffer());
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => null);
    if (!meta || meta.format !== 'png' || !meta.hasAlpha) {
      return fail('mask:invalid', 'The mask must be a PNG with an alpha channel.', { field: 'mask' });
    }
    if (meta.width !== base.width || meta.height !== base.height) {
      return fail(
        'mask:size_mismatch',
        `The mask is ${meta.width} × ${meta.height} but the base image ${base.filename} is ${base.width} × ${base.height}.`,
        { field: 'mask' },
      );
    }
    maskId = (await storeGeneratedAsset({ kind: 'mask', bytes, filename: 'mask.png' })).id;
  }

  const recorded = await insertJobReserving(
    await getDb(),
    {
      id: randomUUID(),
      idempotencyKey,
      engine: serverEnv().engine,
      prompt,
      options,
      referenceIds,
      maskId,
      startPoint,
      createdBy: actorId,
    },
    {
      personId: actorId,
      kind: context.kind ?? 'single',
      estimateMicros: estimate.micros,
      images: estimate.images,
      currency: pricing.currency,
    },
  );
  if (!recorded.ok) return recorded;
  const { row, created } = recorded.data;
  // Recorded is accepted: uploads, decoding and create run in the runner under its concurrency limit, not here.
  if (created) wakeJobRunner();
  const view = await getJobView(row.id);
  return view ? ok(view) : fail('server:error', 'The task was saved but could not be read back.');
}

const FIELD_LABELS: Record<string, string> = {
  prompt: 'Prompt',
  'options.size': 'Aspect ratio',
  'options.resolution': 'Resolution',
  'options.quality': 'Quality',
  'options.n': 'Number of images',
  'options.outputFormat': 'Output format',
  'options.outputCompression': 'JPEG compression',
  referenceIds: 'References',
};

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
