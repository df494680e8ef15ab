import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import { apiTaskInputSchema, apiTaskSchema, type ApiTask } from '@/lib/api/schemas';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import type { AssetView, Job } from '@/lib/jobs/types';
import { currentActor } from '../auth/actor';
import { submitJob } from '../jobs/submit';
import { getDb } from '../storage/db';
import { jobs } from '../storage/schema';
import { API_JSON_BYTES, readCappedBody, readCappedForm } from './body';

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

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,100}$/;

export async function createApiTask(request: Request): Promise<Result<{ task: ApiTask; created: boolean }>> {
  const key = request.headers.get('idempotency-key');
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    return fail('form:invalid', 'Idempotency-Key: use 8–100 visible ASCII characters.', { field: 'Idempotency-Key' });
  }
  const body = await readTaskRequest(request);
  if (!body.ok) return body;
  const parsed = apiTaskInputSchema.safeParse(body.data.input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const actor = await currentActor();
  const idempotencyKey = key
    ? `api-${createHash('sha256').update(`${actor.id}\n${key}`).digest('hex').slice(0, 40)}`
    : `api-${crypto.randomUUID()}`;
  const db = await getDb();
  const [earlier] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.idempotencyKey, idempotencyKey)).limit(1);
  const submitted = await submitJob(
    {
      idempotencyKey,
      prompt: parsed.data.prompt,
      options: { ...DEFAULT_OPTIONS, ...parsed.data.options },
      referenceIds: parsed.data.referenceIds,
      startPoint: parsed.data.startPoint ?? null,
    },
    body.data.mask,
  );
  if (!submitted.ok) return submitted;
  return ok({ task: toApiTask(submitted.data), created: !earlier });
}
