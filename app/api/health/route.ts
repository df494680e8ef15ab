import { NextResponse } from 'next/server';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/server/storage/db';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

/** For load balancers and test harnesses: 200 once the database answers. */
async function get(): Promise<NextResponse> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return NextResponse.json({ ok: true, database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return NextResponse.json({ ok: false, database: 'unreachable' }, { status: 503 });
  }
}

export const GET = guardRoute(get, { access: 'public' });
