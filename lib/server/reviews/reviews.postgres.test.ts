/** Review links on a PostgreSQL server (TEST_DATABASE_URL, or one started here); skipped, saying why, without one. */
import { describe, vi } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { defineReviewSuite } from './review-suite';

vi.mock('@/lib/server/auth/actor', () => import('../curation/test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('../curation/test-people').then((m) => m.directoryModule));

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[reviews.postgres.test] skipped: ${postgres.reason}`);

describe.skipIf(!postgres.ok)('PostgreSQL', () => {
  defineReviewSuite('postgres', async () => {
    if (!postgres.ok) throw new Error(postgres.reason);
    return { DATABASE_URL: await postgres.pg.createDatabase('overpaint_reviews'), BLOB_STORE: 'file' };
  });
});
