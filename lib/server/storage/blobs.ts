import 'server-only';
import path from 'node:path';
import { processSingleton } from '@/lib/process-singleton';
import { serverEnv } from '@/lib/server/env';
import type { BlobStore } from './blob-store';
import { FileBlobStore } from './file-blobs';
import { S3BlobStore } from './s3-blobs';

const store = processSingleton<BlobStore>('blob-store', () => {
  const env = serverEnv();
  return env.blobs.kind === 's3' ? new S3BlobStore(env.blobs) : new FileBlobStore(path.join(env.dataDir, 'blobs'));
});

/** The one store of this process: files in DATA_DIR, or the S3 bucket when BLOB_STORE=s3. */
export function blobStore(): BlobStore {
  return store.get();
}
