import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../storage/db';
import { loginAttempts } from '../storage/schema';
import { limitVerdict, LOGIN_LIMITS, type LimiterOptions, type LimitVerdict } from './login-limiter';

/** Any fixed 64-bit number, the same in every instance: "Overpaint login attempts". */
const LOGIN_LOCK_KEY = 7_001_000_011;

/**
 * Counts one login attempt for `client` before its password is checked, or refuses it. Kept in the database so every
 * instance behind a load balancer counts the same attempts (in memory, N instances would allow N times the guesses).
 *
 * Atomic: under one transaction-scoped advisory lock it prunes attempts that have left the window, reads the rest
 * and the time on the database's clock, and adds this attempt only if the limits allow it. So parallel guesses,
 * on one instance or several, cannot all slip in before any is counted. Logins are rare and the table holds at
 * most the per-client cap's worth of rows per client within the window, so one lock for all of them costs nothing
 * worth sharding. Past the overall cap the verdict carries a delay the caller waits before checking the password.
 * The attempt stays counted as a failure unless the password was right (`forgetLoginAttempts`).
 */
export async function takeLoginAttempt(client: string, options: LimiterOptions = LOGIN_LIMITS): Promise<LimitVerdict> {
  const db = await getDb();
  const window = `${options.windowMs} milliseconds`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_KEY})`);
    await tx.execute(sql`delete from login_attempts where at <= clock_timestamp() - ${window}::interval`);
    const [clock] = rowsOf<{ now_ms: number | string }>(
      await tx.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms`),
    );
    const counted = rowsOf<{ client: string; at_ms: number | string }>(
      await tx.execute(sql`select client, (extract(epoch from at) * 1000)::float8 as at_ms from login_attempts`),
    ).map((row) => ({ client: row.client, at: Number(row.at_ms) }));
    const now = Number(clock?.now_ms);
    const verdict = limitVerdict(counted, client, now, options);
    if (verdict.allowed) {
      await tx.insert(loginAttempts).values({ id: randomUUID(), client, at: sql`clock_timestamp()` });
    }
    return verdict;
  });
}

/** The right password: this client's attempts no longer count against it (nor against the overall cap). */
export async function forgetLoginAttempts(client: string): Promise<void> {
  const db = await getDb();
  await db.delete(loginAttempts).where(eq(loginAttempts.client, client));
}
