/** The storage suite on the embedded defaults: PGlite in a temporary DATA_DIR, blobs as files. */
import { defineStorageSuite } from './storage-suite';

defineStorageSuite('embedded', async () => ({ DATABASE_URL: '', BLOB_STORE: 'file' }));
