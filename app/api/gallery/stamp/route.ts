import { NextResponse } from 'next/server';
import { galleryStamp } from '@/lib/server/gallery/stamp';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/**
 * The gallery's change stamp, `{ stamp }`: every open Gallery asks every few seconds and reloads its pages only
 * when it changed, so a task submitted in another tab or on another instance appears without a reload.
 */
async function get(): Promise<NextResponse> {
  return NextResponse.json({ stamp: await galleryStamp() }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
