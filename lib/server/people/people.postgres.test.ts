/** Accounts, roles, invitations and deactivation on a PostgreSQL server (TEST_DATABASE_URL); skipped without one. */
import { describe } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { definePeopleSuite } from './people-suite';

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[people.postgres.test] skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)('PostgreSQL', () => {
  definePeopleSuite('postgres', async () => {
    if (!postgres.ok) throw new Error(postgres.reason);
    return { DATABASE_URL: await postgres.pg.createDatabase() };
  });
});
