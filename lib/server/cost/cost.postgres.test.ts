/**
 * Costs on a PostgreSQL server (TEST_DATABASE_URL, or one started here); skipped, saying why, without one. The race
 * uses a second pool of its own on the same database: two instances reserving against the last of a budget.
 */
import { describe, vi } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { defineCostSuite } from './cost-suite';

vi.mock('@/lib/server/auth/actor', () => import('../curation/test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('../curation/test-people').then((m) => m.directoryModule));

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[cost.postgres.test] skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)('PostgreSQL', () => {
  let url = '';
  defineCostSuite(
    'postgres',
    async () => {
      if (!postgres.ok) throw new Error(postgres.reason);
      url = await postgres.pg.createDatabase('overpaint_cost');
      return { DATABASE_URL: url, BLOB_STORE: 'file' };
    },
    async () => {
      const { openPostgres } = await import('../storage/db');
      return openPostgres(url);
    },
  );
});
