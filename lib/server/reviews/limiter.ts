import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { limitVerdict, type LimiterOptions } from '../auth/login-limiter';
import { getDb, rowsOf } from '../storage/db';
import { reviewHits } from '../storage/schema';

/*
 * The review pages' rate limit: every page view and every reviewer action counts one hit against its link and
 * against the caller's address, in the database so all instances count the same hits. The arithmetic is the login
 * limiter's (`limitVerdict`), run once per key: refused past either cap until the oldest hit leaves the window.
 */

export interface ReviewLimits {
  /** Hits one address may make in the window, over every review link (a scan of made-up tokens counts too). */
  perAddress: number;
  /** Hits one link may take in the window, from everyone (a leaked link being hammered). */
  perLink: number;
  windowMs: number;
}

/** A reviewer going through 16 candidates with comments stays far below these; a script does not. */
export const REVIEW_LIMITS: ReviewLimits = { perAddress: 300, perLink: 1200, windowMs: 10 * 60_000 };

/** Any fixed 64-bit number, the same in every instance: "Overpaint review hits". */
const REVIEW_LOCK_KEY = 7_001_000_022;

export type ReviewHitVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Counts one hit on `link` (a review's id, or '-' for a token that matched nothing) from `client`, or refuses it.
 * Atomic under one transaction-scoped advisory lock (prune, read, decide, insert), like the login attempts.
 */
export async function takeReviewHit(
  link: string,
  client: string,
  limits: ReviewLimits = REVIEW_LIMITS,
): Promise<ReviewHitVerdict> {
  const db = await getDb();
  const window = `${limits.windowMs} milliseconds`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REVIEW_LOCK_KEY})`);
    await tx.execute(sql`delete from review_hits where at <= clock_timestamp() - ${window}::interval`);
    const [clock] = rowsOf<{ now_ms: number | string }>(
      await tx.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms`),
    );
    const now = Number(clock?.now_ms);
    const hits = rowsOf<{ link: string; client: string; at_ms: number | string }>(
      await tx.execute(
        sql`select link, client, (extract(epoch from at) * 1000)::float8 as at_ms from review_hits where client = ${client} or link = ${link}`,
      ),
    );
    const options = (perClient: number): LimiterOptions => ({
      perClient,
      overall: Number.POSITIVE_INFINITY,
      windowMs: limits.windowMs,
    });
    const byAddress = limitVerdict(
      hits.map((hit) => ({ client: hit.client, at: Number(hit.at_ms) })),
      client,
      now,
      options(limits.perAddress),
    );
    const byLink = limitVerdict(
      hits.map((hit) => ({ client: hit.link, at: Number(hit.at_ms) })),
      link,
      now,
      options(limits.perLink),
    );
    for (const verdict of [byAddress, byLink]) {
      if (!verdict.allowed) return { allowed: false, retryAfterS: verdict.retryAfterS };
    }
    await tx.insert(reviewHits).values({ id: randomUUID(), link, client, at: sql`clock_timestamp()` });
    return { allowed: true };
  });
}
