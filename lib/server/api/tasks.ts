import 'server-only';
import { eq } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import { apiTaskInputSchema, apiTaskSchema, type ApiTask, type ApiTaskInput } from '@/lib/api/schemas';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import type { AssetView, Job } from '@/lib/jobs/types';
import { findAssets } from '../assets';
import { currentActor } from '../auth/actor';
import { recipeTask, type RecipeTaskInput } from '../batches/recipe-task';
import { findRecipe } from '../batches/recipes';
import { submitJob } from '../jobs/submit';
import { getDb } from '../storage/db';
import { jobs } from '../storage/schema';
import { API_JSON_BYTES, readCappedBody, readCappedForm } from './body';
import { idempotencyKeyOf } from './idempotency';

/*
 * Tasks over the API: the same `submitJob` the studio's Generate calls (so its checks, the role, budgets and the
 * runner's limits apply unchanged), and the same Job view, reshaped for callers without a session: image links
 * go through /api/v1, never the studio's cookie routes.
 */

const asset = (view: AssetView) => ({
  id: view.id,
  filename: view.filename,
  mime: view.mime,
  bytes: view.bytes,
  sha256: view.sha256,
  width: view.width,
  height: view.height,
});

export function toApiTask(job: Job): ApiTask {
  return apiTaskSchema.parse({
    id: job.id,
    status: job.status,
    progress: job.progress,
    prompt: job.prompt,
    options: job.options,
    startPoint: job.startPoint,
    references: job.references.map(asset),
    hasMask: job.hasMask,
    results: job.results.map((result) => {
      const download = `/api/v1/tasks/${job.id}/results/${result.position}/download`;
      return {
        position: result.position,
        asset: asset(result.asset),
        download,
        generatedDownload: result.generatedAssetId ? `${download}?variant=generated` : null,
        restore: result.restore ?? null,
      };
    }),
    error: job.error,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
  });
}

/** The first problem with a parsed input, as the error naming its field. */
function invalid<T>(issues: readonly { path: PropertyKey[]; message: string }[]): Result<T> {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return fail('form:invalid', `${field}: ${issue?.message ?? 'invalid value'}`, { field });
}

/**
 * Reads a create-task request: a JSON body, or multipart with `payload` (JSON) and an optional `mask` PNG.
 * `Idempotency-Key` is scoped to the person, so two people's keys never meet.
 */
async function readTaskRequest(request: Request): Promise<Result<{ input: unknown; mask: Blob | null }>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const body = await readCappedBody(request, API_JSON_BYTES);
    if (!body.ok) return body;
    try {
      return ok({ input: JSON.parse(Buffer.from(body.data).toString('utf8')) as unknown, mask: null });
    } catch {
      return fail('form:invalid', 'The body is not valid JSON.', { field: 'body' });
    }
  }
  const form = await readCappedForm(request);
  if (!form.ok) return form;
  const payload = form.data.get('payload');
  const mask = form.data.get('mask');
  if (typeof payload !== 'string')
    return fail('form:invalid', 'payload: the task as JSON text is missing.', { field: 'payload' });
  if (mask !== null && !(mask instanceof Blob))
    return fail('mask:invalid', 'mask: send the mask as a PNG file part.', { field: 'mask' });
  try {
    return ok({ input: JSON.parse(payload) as unknown, mask });
  } catch {
    return fail('form:invalid', 'payload: not valid JSON.', { field: 'payload' });
  }
}

export async function createApiTask(request: Request): Promise<Result<{ task: ApiTask; created: boolean }>> {
  const actor = await currentActor();
  const key = idempotencyKeyOf(request, actor.id, 'task');
  if (!key.ok) return key;
  const body = await readTaskRequest(request);
  if (!body.ok) return body;
  const parsed = apiTaskInputSchema.safeParse(body.data.input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const idempotencyKey = key.data ?? `api-${crypto.randomUUID()}`;
  const db = await getDb();
  const [earlier] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.idempotencyKey, idempotencyKey)).limit(1);
  const task = parsed.data.recipeId ? await byRecipe(parsed.data.recipeId, parsed.data, body.data.mask) : null;
  if (task && !task.ok) return task;
  const submitted = await submitJob(
    task
      ? { idempotencyKey, ...task.data.input }
      : {
          idempotencyKey,
          prompt: parsed.data.prompt,
          options: { ...DEFAULT_OPTIONS, ...parsed.data.options },
          referenceIds: parsed.data.referenceIds,
          startPoint: parsed.data.startPoint ?? null,
        },
    task ? task.data.mask : body.data.mask,
  );
  if (!submitted.ok) return submitted;
  return ok({ task: toApiTask(submitted.data), created: !earlier });
}

/**
 * A task by a recipe over its base (`referenceIds[0]`), as one batch item would be made (recipe-task.ts); what the
 * caller names itself (prompt, options, further references, a mask) wins over the recipe's. A recipe with a ratio
 * set makes several tasks per image: that is a batch.
 */
async function byRecipe(
  recipeId: string,
  input: ApiTaskInput,
  uploadedMask: Blob | null,
): Promise<Result<{ input: RecipeTaskInput; mask: Blob | null }>> {
  const recipe = await findRecipe(recipeId);
  if (!recipe)
    return fail('recipe:not_found', 'recipeId: no recipe has this id; list them with GET /recipes.', {
      field: 'recipeId',
    });
  if (recipe.ratios.length > 0) {
    return fail(
      'form:invalid',
      `recipeId: “${recipe.name}” makes ${recipe.ratios.length} tasks per image (a ratio set); run it with POST /batches.`,
      { field: 'recipeId' },
    );
  }
  const [baseId, ...extra] = input.referenceIds;
  if (!baseId)
    return fail('form:invalid', 'referenceIds: name the base image the recipe applies to.', { field: 'referenceIds' });
  const [base] = await findAssets([baseId]);
  if (!base || base.kind !== 'reference') {
    return fail('reference:not_found', 'referenceIds.0: this image is not stored; upload it with POST /references.', {
      field: 'referenceIds.0',
    });
  }
  // A mask the caller sends is for the base as sent: the recipe's rule (a margin would pad the base) then stays out,
  // and its painted mask is not read.
  const [recipeMask] = recipe.maskId && !uploadedMask ? await findAssets([recipe.maskId]) : [];
  const rule = uploadedMask ? { ...recipe, maskRule: { kind: 'none' as const } } : recipe;
  const made = await recipeTask(rule, base, { index: 1, ratio: null }, recipeMask ?? null);
  if (made.kind === 'busy') {
    return fail('server:busy', 'recipeId: the server is busy preparing other images; try again in a few seconds.', {
      field: 'recipeId',
    });
  }
  if (made.kind === 'refused') return fail('mask:invalid', `recipeId: ${made.message}`, { field: 'recipeId' });
  const mask = uploadedMask ?? made.mask;
  return ok({
    input: {
      prompt: input.prompt ?? made.input.prompt,
      options: { ...made.input.options, ...input.options },
      // The rule's base (the padded canvas of a margin rule, or the image itself), then the caller's, then the recipe's.
      referenceIds: [made.input.referenceIds[0]!, ...extra, ...made.input.referenceIds.slice(1)],
      startPoint: mask ? 'inpaint' : input.startPoint === 'inpaint' ? 'inpaint' : null,
    },
    mask,
  });
}
