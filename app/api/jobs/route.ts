import { NextResponse } from 'next/server';
import { listJobViews } from '@/lib/server/jobs/repository';

export const dynamic = 'force-dynamic';

/** The gallery: newest first. The browser polls this (our database), never upstream. */
export async function GET(): Promise<NextResponse> {
  const jobs = await listJobViews(100);
  return NextResponse.json({ jobs }, { headers: { 'Cache-Control': 'no-store' } });
}
