import { NextResponse } from 'next/server';
import { listJobViews } from '@/lib/server/jobs/repository';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/** The gallery: newest first. The browser polls this (our database), never upstream. */
async function get(): Promise<NextResponse> {
  const jobs = await listJobViews(100);
  return NextResponse.json({ jobs }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get);
