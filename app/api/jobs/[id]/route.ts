import { NextResponse } from 'next/server';
import { getJobView } from '@/lib/server/jobs/repository';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<NextResponse> {
  const { id } = await context.params;
  const job = await getJobView(id);
  if (!job) return NextResponse.json({ error: { code: 'not_found', message: 'No such task.' } }, { status: 404 });
  return NextResponse.json({ job }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
