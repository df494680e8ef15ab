import { NextResponse } from 'next/server';
import { z } from 'zod';
import { lineageOf } from '@/lib/server/gallery/lineage';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.uuid(), position: z.coerce.number().int().min(0).max(100) });

/** The chain a result came from (base → v1 → v2 …), for the lightbox's strip. */
async function get(
  _request: Request,
  context: { params: Promise<{ id: string; position: string }> },
): Promise<NextResponse> {
  const parsed = params.safeParse(await context.params);
  const steps = parsed.success ? await lineageOf(parsed.data.id, parsed.data.position) : null;
  if (!steps) return NextResponse.json({ error: { code: 'not_found', message: 'No such result.' } }, { status: 404 });
  return NextResponse.json({ steps }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
