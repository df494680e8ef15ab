import 'server-only';
import { randomUUID } from 'node:crypto';
import { apiBatchInputSchema, apiBatchSchema, type ApiBatch } from '@/lib/api/schemas';
import { fail, ok, type Result } from '@/lib/errors';
import { currentActor } from '../auth/actor';
import { getBatch, listBatchItems, startBatch } from '../batches/batches';
import { API_JSON_BYTES, readCappedBody } from './body';
import { idempotencyKeyOf } from './idempotency';

/*
 * Batches over the API: a recipe run over uploaded images through the same `startBatch` as the Batch page (its
 * budget check, its 500-image bound, the feeder's pace), and read back with each item's task.
 */

export async function toApiBatch(id: string): Promise<ApiBatch | null> {
  const batch = await getBatch(id);
  if (!batch) return null;
  const items = await listBatchItems(id);
  const { total, done, running, failed, cancelled, toGo, secondsLeft } = batch.progress;
  return apiBatchSchema.parse({
    id: batch.id,
    recipeName: batch.recipeName,
    state: batch.state,
    createdAt: batch.createdAt,
    progress: { total, done, running, failed, cancelled, toGo, secondsLeft },
    items: items.map((item) => ({
      position: item.position,
      filename: item.filename,
      ratio: item.ratio,
      status: item.status,
      taskId: item.jobId,
      error: item.error,
    })),
  });
}

/** A batch's id from a stored idempotency key: UUID-shaped like every other batch id. */
function batchIdFrom(key: string): string {
  const hex = key.replace(/^api-/, '').padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function createApiBatch(request: Request): Promise<Result<{ batch: ApiBatch; created: boolean }>> {
  const actor = await currentActor();
  const key = idempotencyKeyOf(request, actor.id, 'batch');
  if (!key.ok) return key;
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    return fail('form:invalid', 'Send the batch as JSON (Content-Type: application/json).', { field: 'body' });
  }
  const body = await readCappedBody(request, API_JSON_BYTES);
  if (!body.ok) return body;
  let input: unknown;
  try {
    input = JSON.parse(Buffer.from(body.data).toString('utf8'));
  } catch {
    return fail('form:invalid', 'The body is not valid JSON.', { field: 'body' });
  }
  const parsed = apiBatchInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'body';
    return fail('form:invalid', `${field}: ${issue?.message ?? 'invalid value'}`, { field });
  }
  const batchId = key.data ? batchIdFrom(key.data) : randomUUID();
  const earlier = key.data ? await toApiBatch(batchId) : null;
  if (earlier) return ok({ batch: earlier, created: false });
  const started = await startBatch(parsed.data, actor, batchId);
  if (!started.ok) {
    // The Batch page's fields, as the API calls them.
    const field =
      started.error.field === 'recipe'
        ? 'recipeId'
        : started.error.field === 'images'
          ? 'imageIds'
          : started.error.field;
    return { ok: false, error: { ...started.error, ...(field ? { field } : {}) } };
  }
  const batch = await toApiBatch(batchId);
  return batch ? ok({ batch, created: true }) : fail('server:error', 'The batch was saved but could not be read back.');
}
