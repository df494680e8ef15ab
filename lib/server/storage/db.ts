import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { serverEnv } from '@/lib/server/env';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface OpenDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib/server/storage/migrations');

// One database per process, shared by every Next bundle (route handlers, actions, instrumentation) through
// globalThis. Opened lazily: PGlite's first start costs seconds and hundreds of MB, and `next build` must never open it.
const globalForDb = globalThis as unknown as { __overpaintDb?: Promise<OpenDatabase> };

export function getDb(): Promise<Db> {
  return openOnce().then((open) => open.db);
}

export function databaseKind(): Promise<OpenDatabase['kind']> {
  return openOnce().then((open) => open.kind);
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.__overpaintDb;
  globalForDb.__overpaintDb = undefined;
  if (pending) await (await pending).close();
}

function openOnce(): Promise<OpenDatabase> {
  if (!globalForDb.__overpaintDb) {
    globalForDb.__overpaintDb = openDatabase().catch((error: unknown) => {
      globalForDb.__overpaintDb = undefined;
      throw error;
    });
  }
  return globalForDb.__overpaintDb;
}

async function openDatabase(): Promise<OpenDatabase> {
  const env = serverEnv();
  if (env.databaseUrl) return openPostgres(env.databaseUrl);
  return openPglite(env.dataDir);
}

async function openPglite(dataDir: string): Promise<OpenDatabase> {
  await fs.mkdir(dataDir, { recursive: true });
  // PGlite has no lock of its own: two processes on one directory corrupt it silently.
  const unlock = await lockDataDir(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite(path.join(dataDir, 'pglite'));
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

async function openPostgres(url: string): Promise<OpenDatabase> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString: url, max: 10 });
  const db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    close: () => pool.end(),
  };
}
