import { apiTaskPageSchema } from '@/lib/api/schemas';
import { apiError } from '@/lib/server/api/token-check';
import { apiResponse } from '@/lib/server/api/respond';
import { createApiTask, toApiTask } from '@/lib/server/api/tasks';
import { currentActor } from '@/lib/server/auth/actor';
import { galleryFilterSchema, listGalleryPage } from '@/lib/server/gallery/list';
import { guardRoute } from '@/lib/server/guard';
import { ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** Tasks, newest first, one page at a time, with the gallery's filters (as the token's person sees them). */
async function get(request: Request): Promise<Response> {
  const filter = galleryFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) {
    const issue = filter.error.issues[0];
    const field = String(issue?.path[0] ?? 'query');
    return apiError(400, { code: 'form:invalid', message: `${field}: ${issue?.message ?? 'invalid value'}`, field });
  }
  const page = await listGalleryPage(filter.data, await currentActor());
  return apiResponse(ok(apiTaskPageSchema.parse({ tasks: page.jobs.map(toApiTask), nextCursor: page.nextCursor })));
}

/** Create a task: JSON, or multipart with `payload` and a `mask` PNG. `Idempotency-Key` makes retries safe. */
async function post(request: Request): Promise<Response> {
  const result = await createApiTask(request);
  if (!result.ok) return apiResponse(result);
  return apiResponse(ok(result.data.task), result.data.created ? 201 : 200);
}

export const GET = guardRoute(get, { token: 'view' });
export const POST = guardRoute(post, { token: 'generate' });
