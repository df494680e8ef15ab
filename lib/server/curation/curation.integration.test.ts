/** Curation on the embedded defaults: PGlite in a temporary DATA_DIR, blobs as files. */
import { vi } from 'vitest';
import { defineCurationSuite } from './curation-suite';

vi.mock('@/lib/server/auth/actor', () => import('./test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('./test-people').then((m) => m.directoryModule));

defineCurationSuite('embedded', async () => ({ DATABASE_URL: '', BLOB_STORE: 'file' }));
