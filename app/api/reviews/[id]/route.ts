import { guardRoute } from '@/lib/server/guard';
import { reviewDetail } from '@/lib/server/reviews/studio-view';

export const dynamic = 'force-dynamic';

/** One review with every decision and comment, who and when: the studio's review view polls this. */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const detail = await reviewDetail((await context.params).id);
  if (!detail) {
    return Response.json(
      { error: { code: 'review:not_found', message: 'That review no longer exists.' } },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(detail, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
