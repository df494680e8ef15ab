import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../storage/db';

const WINDOW_MS = 60_000;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Counts one request against a token's fixed one-minute window, in the database (one statement, so every instance
 * counts the same window). Over `perMinute`: refused, with the seconds until the window ends.
 */
export async function takeApiHit(tokenId: string, perMinute: number, now = Date.now()): Promise<RateVerdict> {
  const db = await getDb();
  const start = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS);
  const result = await db.execute(sql`
    insert into api_rate_windows (token_id, window_start, hits) values (${tokenId}, ${start.toISOString()}, 1)
    on conflict (token_id, window_start) do update set hits = api_rate_windows.hits + 1
    returning hits`);
  const hits = Number((rowsOf(result)[0] as { hits?: number } | undefined)?.hits ?? 0);
  // Old windows are useless after a minute; the first request of each window clears this token's.
  if (hits === 1) {
    await db.execute(
      sql`delete from api_rate_windows where token_id = ${tokenId} and window_start < ${start.toISOString()}`,
    );
  }
  if (hits <= perMinute) return { allowed: true };
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((start.getTime() + WINDOW_MS - now) / 1000)) };
}
