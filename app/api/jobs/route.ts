import { NextResponse } from 'next/server';
import { galleryFilterSchema, listGalleryPage } from '@/lib/server/gallery/list';
import { actorFromRequest } from '@/lib/server/auth/actor';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/**
 * The gallery: newest first, one page at a time (`?cursor=`), filtered by `?q=` (text in the prompt), `?status=`,
 * `?by=` (mine or a person), `?starred=1`, `?board=`, `?approval=` and `?from=`/`?to=` (lib/jobs/gallery-filter.ts),
 * as the requester sees it (their stars, their "mine"). The browser polls this (our database), never upstream.
 */
async function get(request: Request): Promise<NextResponse> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = galleryFilterSchema.safeParse(params);
  if (!filter.success) {
    return NextResponse.json(
      { error: { code: 'form:invalid', message: 'The gallery filter is not valid.' } },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const page = await listGalleryPage(filter.data, await actorFromRequest(request));
  return NextResponse.json(page, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
