import { NextResponse } from 'next/server';
import { listBoards } from '@/lib/server/curation/boards';
import { guardRoute } from '@/lib/server/guard';
import { listPeople } from '@/lib/server/people/directory';

export const dynamic = 'force-dynamic';

/** What the gallery's filters offer, `{ people, boards }`: everyone in the workspace and every board. */
async function get(): Promise<NextResponse> {
  const [people, boards] = await Promise.all([listPeople(), listBoards()]);
  return NextResponse.json({ people, boards }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = guardRoute(get, { need: 'view' });
