import { NextResponse } from 'next/server';
import { galleryFilterSchema, galleryIdsSchema, listGalleryJobs, listGalleryPage } from '@/lib/server/gallery/list';
import { actorFromRequest } from '@/lib/server/auth/actor';
import { guardRoute } from '@/lib/server/guard';
import { LIVE_TASK_IDS_MAX } from '@/lib/jobs/live-tasks';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

function invalid(message: string): NextResponse {
  return NextResponse.json({ error: { code: 'form:invalid', message } }, { status: 400, headers: NO_STORE });
}

/**
 * The gallery: newest first, one page at a time (`?cursor=`), filtered by `?q=` (text in the prompt), `?status=`,
 * `?by=` (mine or a person), `?starred=1`, `?board=`, `?approval=` and `?from=`/`?to=` (lib/jobs/gallery-filter.ts),
 * as the requester sees it (their stars, their "mine"). With `?ids=` instead, `{ jobs }` for exactly those tasks:
 * the running tasks the gallery follows live (lib/jobs/live-tasks.ts). The browser polls this (our database),
 * never upstream.
 */
async function get(request: Request): Promise<NextResponse> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  if ('ids' in params) {
    const live = galleryIdsSchema.safeParse(params);
    if (!live.success) {
      return invalid(`The ids field must list 1 to ${LIVE_TASK_IDS_MAX} task ids (UUIDs), separated by commas.`);
    }
    const jobs = await listGalleryJobs(live.data.ids, await actorFromRequest(request));
    return NextResponse.json({ jobs }, { headers: NO_STORE });
  }
  const filter = galleryFilterSchema.safeParse(params);
  if (!filter.success) return invalid('The gallery filter is not valid.');
  const page = await listGalleryPage(filter.data, await actorFromRequest(request));
  return NextResponse.json(page, { headers: NO_STORE });
}

export const GET = guardRoute(get, { need: 'view' });
