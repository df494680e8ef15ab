import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { serverEnv } from '@/lib/server/env';
import { lockDataDir } from './data-dir-lock';
import { pgliteOptions } from './pglite-durable';
import * as schema from './schema';
import { processSingleton } from '@/lib/process-singleton';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib/server/storage/migrations');

// One database per process, shared by every Next bundle (route handlers, actions, instrumentation) through
// globalThis. Opened lazily: PGlite's first start costs seconds and hundreds of MB, and `next build` must never open it.
const database = processSingleton('database', () =>
  openDatabase().catch((error: unknown) => {
    // A failed open is not kept: the next caller tries again.
    database.take();
    throw error;
  }),
);

export function getDb(): Promise<Db> {
  return openOnce().then((open) => open.db);
}

export function databaseKind(): Promise<OpenDatabase['kind']> {
  return openOnce().then((open) => open.kind);
}

export async function closeDb(): Promise<void> {
  const pending = database.take();
  if (pending) await (await pending).close();
}

function openOnce(): Promise<OpenDatabase> {
  return database.get();
}

async function openDatabase(): Promise<OpenDatabase> {
  const env = serverEnv();
  if (env.databaseUrl) return openPostgres(env.databaseUrl);
  return openPglite(env.dataDir, env.pgliteFsync);
}

/**
 * Proves that a server about to start can use the configured database, then lets go of it: `npm start` runs this
 * before the port opens (scripts/ops/preflight.ts), and the server opens the database for good afterwards.
 * PostgreSQL: connects, signs in and applies pending migrations under the migration lock, as the server would.
 * PGlite: takes the DATA_DIR lock and hands it back at once. Opening PGlite itself costs a second or more and
 * fails only on what the lock and the blob store's check of DATA_DIR already prove, so it is left to the server.
 */
export async function checkDatabase(): Promise<OpenDatabase['kind']> {
  const env = serverEnv();
  if (env.databaseUrl) {
    await (await openPostgres(env.databaseUrl)).close();
    return 'postgres';
  }
  await makeDataDir(env.dataDir);
  if (!(await exists(path.join(env.dataDir, 'pglite')))) {
    // A first start: initialise PGlite here, in the preflight's own process, which exits before `next start`.
    // initdb and the migrations grow PGlite's WASM memory by ~460 MB that is never given back; the server then
    // opens an initialised directory, as on a restart (idle RSS 405 MB instead of 864–889 MB, measured).
    await (await openPglite(env.dataDir, env.pgliteFsync)).close();
    return 'pglite';
  }
  const unlock = await lockDataDir(env.dataDir);
  await unlock();
  return 'pglite';
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function makeDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new Error(`DATA_DIR: cannot create ${dataDir} (${(error as { code?: string }).code ?? String(error)})`);
  });
}

async function openPglite(dataDir: string, durable: boolean): Promise<OpenDatabase> {
  await makeDataDir(dataDir);
  // PGlite has no lock of its own: two processes on one directory corrupt it silently.
  const unlock = await lockDataDir(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite(await pgliteOptions(path.join(dataDir, 'pglite'), durable));
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    async close() {
      await client.close();
      await unlock();
    },
  };
}

/** Any fixed 64-bit number, the same in every instance: "Overpaint migrations". */
const MIGRATION_LOCK_KEY = 7_001_000_010;

/** Says what is wrong without echoing the URL (it holds the password). */
function describePgError(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|timeout/i.test(`${code} ${message}`)) {
    return `the PostgreSQL server cannot be reached (${code || message})`;
  }
  if (code === '28P01' || code === '28000') return 'the PostgreSQL server refused the user name or password';
  if (code === '3D000') return 'the database named in the URL does not exist';
  return `could not open the database (${message})`;
}

/** Exported for tests (several instances starting together); the app uses `getDb()`. */
export async function openPostgres(url: string): Promise<OpenDatabase> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces the client.
  pool.on('error', (error) => console.error(`[overpaint] database connection lost: ${error.message}`));
  try {
    // Several instances may start at once: one applies the migrations while the others wait on the same lock,
    // then find nothing left to do. The lock is per session, so it lives on one dedicated client.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`DATABASE_URL: ${describePgError(error)}`);
  }
  const db = drizzle(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    close: () => pool.end(),
  };
}

/** The rows of a raw `db.execute(sql…)`: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] } | null)?.rows ?? []) as T[];
}
