import { apiReviewDecisionsSchema } from '@/lib/api/schemas';
import { apiResponse } from '@/lib/server/api/respond';
import { guardRoute } from '@/lib/server/guard';
import { reviewDetail } from '@/lib/server/reviews/studio-view';
import { fail, ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** A review's decisions: each candidate and what every reviewer picked, approved or asked to change. */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const detail = await reviewDetail(id);
  if (!detail) return apiResponse(fail('review:not_found', 'That review no longer exists.', { field: 'id' }));
  return apiResponse(
    ok(
      apiReviewDecisionsSchema.parse({
        id: detail.id,
        title: detail.title,
        status: detail.status,
        items: detail.items.map((item) => ({
          taskId: item.jobId,
          position: item.position,
          label: item.label,
          decisions: item.decisions,
        })),
      }),
    ),
  );
}

export const GET = guardRoute(get, { token: 'view' });
