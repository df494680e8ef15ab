/** Review links on the embedded defaults: PGlite in a temporary DATA_DIR, blobs as files. */
import { vi } from 'vitest';
import { defineReviewSuite } from './review-suite';

vi.mock('@/lib/server/auth/actor', () => import('../curation/test-people').then((m) => m.actorModule));
vi.mock('@/lib/server/people/directory', () => import('../curation/test-people').then((m) => m.directoryModule));

defineReviewSuite('embedded', async () => ({ DATABASE_URL: '', BLOB_STORE: 'file' }));
