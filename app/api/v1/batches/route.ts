import { apiResponse } from '@/lib/server/api/respond';
import { createApiBatch } from '@/lib/server/api/batches';
import { guardRoute } from '@/lib/server/guard';
import { ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** Run a recipe over uploaded images: one task per image (or per image and ratio). `Idempotency-Key` makes retries safe. */
async function post(request: Request): Promise<Response> {
  const result = await createApiBatch(request);
  if (!result.ok) return apiResponse(result);
  return apiResponse(ok(result.data.batch), result.data.created ? 201 : 200);
}

export const POST = guardRoute(post, { token: 'generate' });
