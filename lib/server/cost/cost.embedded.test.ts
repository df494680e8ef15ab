/** Costs on PGlite (the embedded database). */
import { describe, vi } from 'vitest';
import { defineCostSuite } from './cost-suite';

vi.mock('@/lib/server/auth/actor', () => import('../curation/test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('../curation/test-people').then((m) => m.directoryModule));

describe('PGlite', () => {
  // One PGlite per process: the "second instance" is a second transaction on it, which PGlite runs one at a time.
  defineCostSuite(
    'pglite',
    async () => ({ BLOB_STORE: 'file' }),
    async () => ({
      db: await (await import('../storage/db')).getDb(),
      close: async () => undefined,
    }),
  );
});
