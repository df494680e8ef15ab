import { guardRoute } from '@/lib/server/guard';
import { clientMarks } from '@/lib/server/reviews/studio-view';

export const dynamic = 'force-dynamic';

/** Clients' Picks, approvals and change requests by result, for the gallery's cards (polled while it is open). */
async function get(): Promise<Response> {
  return Response.json({ marks: await clientMarks() }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
