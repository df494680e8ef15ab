import { apiResponse } from '@/lib/server/api/respond';
import { toApiBatch } from '@/lib/server/api/batches';
import { guardRoute } from '@/lib/server/guard';
import { fail, ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** A batch's progress and each item's task. */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const batch = /^[0-9a-f-]{36}$/.test(id) ? await toApiBatch(id) : null;
  if (!batch) return apiResponse(fail('batch:not_found', `No batch with the id ${id.slice(0, 40)}.`, { field: 'id' }));
  return apiResponse(ok(batch));
}

export const GET = guardRoute(get, { token: 'view' });
