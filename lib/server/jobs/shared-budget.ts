import 'server-only';
import { sql } from 'drizzle-orm';
import type { RequestBudget, TokenBucketOptions } from '@/lib/toapis/budget';
import { rowsOf, type Db } from '../storage/db';

/**
 * A token bucket kept in the database, so every instance on one PostgreSQL draws from the same budget: the
 * upstream counts per key, not per instance. Same arithmetic as `createTokenBucket`, done in one UPDATE on the
 * database's clock (one row lock per take; instances' clocks never matter).
 */
export function createSharedBudget(
  name: string,
  options: Pick<TokenBucketOptions, 'perMinute' | 'burst' | 'sleep'>,
  database: () => Promise<Db>,
): RequestBudget {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const perMs = options.perMinute / 60_000;
  let created: Promise<void> | null = null;

  async function ensureRow(db: Db): Promise<void> {
    created ??= db
      .execute(
        sql`insert into request_budgets (name, tokens, refilled_at, paused_until)
            values (${name}, ${options.burst}, now(), now()) on conflict (name) do nothing`,
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        created = null;
        throw error;
      });
    return created;
  }

  return {
    async take() {
      const db = await database();
      await ensureRow(db);
      for (;;) {
        // clock_timestamp(), not now(): inside one statement both are the same, and it is the real moment.
        const result = await db.execute(sql`
          with current as (
            select least(${options.burst}::float8,
                         tokens + extract(epoch from (clock_timestamp() - refilled_at)) * 1000 * ${perMs}::float8) as available,
                   greatest(0, extract(epoch from (paused_until - clock_timestamp())) * 1000) as paused_ms
            from request_budgets where name = ${name} for update
          )
          update request_budgets b set
            tokens = case when c.paused_ms = 0 and c.available >= 1 then c.available - 1 else c.available end,
            refilled_at = clock_timestamp()
          from current c
          where b.name = ${name}
          returning c.available as available, c.paused_ms as paused_ms`);
        const [row] = rowsOf<{ available: number | string; paused_ms: number | string }>(result);
        if (!row) throw new Error(`Request budget ${name} is missing`);
        const available = Number(row.available);
        const pausedMs = Number(row.paused_ms);
        if (pausedMs === 0 && available >= 1) return;
        await sleep(pausedMs > 0 ? Math.ceil(pausedMs) : Math.max(1, Math.ceil((1 - available) / perMs)));
      }
    },
    pause(ms) {
      if (ms <= 0) return;
      // Fire and forget, as the in-process bucket's pause is synchronous: the next take() sees it.
      void database()
        .then(async (db) => {
          await ensureRow(db);
          await db.execute(sql`
            update request_budgets set paused_until = greatest(paused_until, clock_timestamp() + ${`${Math.ceil(ms)} milliseconds`}::interval)
            where name = ${name}`);
        })
        .catch((error: unknown) => console.error(`[overpaint] pausing request budget ${name} failed:`, error));
    },
  };
}
