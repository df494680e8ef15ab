/** Recipes and batches on a PostgreSQL server (TEST_DATABASE_URL, or one started here); skipped, saying why, without one. */
import { describe } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { defineBatchSuite } from './batch-suite';

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[batches.postgres.integration.test] skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)('PostgreSQL', () => {
  defineBatchSuite(
    'postgres',
    async () => {
      if (!postgres.ok) throw new Error(postgres.reason);
      return { DATABASE_URL: await postgres.pg.createDatabase('overpaint_batches'), BLOB_STORE: 'file' };
    },
    { segmentation: false },
  );
});
