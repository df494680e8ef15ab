import 'server-only';
import { sql } from 'drizzle-orm';
import type { UpstreamError } from '@/lib/toapis/errors';
import { getDb } from '../storage/db';
import { upstreamAccountProblems } from '../storage/schema';

/**
 * The last account-level refusal the runner met (401 key rejected, 402 out of credit), so the settings page can say
 * so: the model list alone cannot tell that the balance has run out. Kept in the database, not in memory: with
 * several instances, the one that met the refusal is rarely the one rendering the page.
 */
export interface AccountProblem {
  kind: 'auth' | 'quota';
  at: Date;
  message: string;
}

const ROW_KEY = 'key';

export async function noteAccountProblem(error: UpstreamError): Promise<void> {
  if (error.kind !== 'auth' && error.kind !== 'quota') return;
  const problem = { kind: error.kind, message: error.userMessage, at: sql`now()` };
  const db = await getDb();
  await db
    .insert(upstreamAccountProblems)
    .values({ key: ROW_KEY, ...problem })
    .onConflictDoUpdate({ target: upstreamAccountProblems.key, set: problem });
}

/** A task that went through fine means the account is usable again. */
export async function clearAccountProblem(): Promise<void> {
  const db = await getDb();
  await db.delete(upstreamAccountProblems);
}

export async function lastAccountProblem(): Promise<AccountProblem | null> {
  const db = await getDb();
  const [row] = await db.select().from(upstreamAccountProblems).limit(1);
  return row ? { kind: row.kind, at: row.at, message: row.message } : null;
}
