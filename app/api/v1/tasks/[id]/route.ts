import { apiResponse } from '@/lib/server/api/respond';
import { toApiTask } from '@/lib/server/api/tasks';
import { getJobView } from '@/lib/server/jobs/repository';
import { guardRoute } from '@/lib/server/guard';
import { fail, ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** One task and its results. */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const job = /^[0-9a-f-]{36}$/.test(id) ? await getJobView(id) : null;
  if (!job) return apiResponse(fail('job:not_found', `No task with the id ${id.slice(0, 40)}.`, { field: 'id' }));
  return apiResponse(ok(toApiTask(job)));
}

export const GET = guardRoute(get, { token: 'view' });
