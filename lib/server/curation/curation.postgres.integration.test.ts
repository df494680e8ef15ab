/** Curation on a PostgreSQL server (TEST_DATABASE_URL, or one started here); skipped, saying why, without one. */
import { describe, vi } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { defineCurationSuite } from './curation-suite';

vi.mock('@/lib/server/auth/actor', () => import('./test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('./test-people').then((m) => m.directoryModule));

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[curation.postgres.integration.test] skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)('PostgreSQL', () => {
  defineCurationSuite('postgres', async () => {
    if (!postgres.ok) throw new Error(postgres.reason);
    return { DATABASE_URL: await postgres.pg.createDatabase('overpaint_curation'), BLOB_STORE: 'file' };
  });
});
