import { NextResponse } from 'next/server';
import { sql } from 'drizzle-orm';
import { blobStore } from '@/lib/server/storage/blobs';
import { getDb } from '@/lib/server/storage/db';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const CHECK_TIMEOUT_MS = 3_000;

/**
 * For load balancers and test harnesses: 200 when both the database and the blob store answer, 503 naming the one
 * that does not. The reason stays generic: the route is public.
 */
async function get(): Promise<NextResponse> {
  const [database, blobs] = await Promise.all([
    reachable(async () => {
      const db = await getDb();
      await db.execute(sql`select 1`);
    }),
    reachable(() => blobStore().check()),
  ]);
  const ok = database && blobs;
  return NextResponse.json(
    { ok, database: database ? 'ok' : 'unreachable', blobs: blobs ? 'ok' : 'unreachable' },
    { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}

async function reachable(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const GET = guardRoute(get, { access: 'public' });
