/**
 * `npm run restore -- <backup folder>`: restores a backup made by `npm run backup` into DATA_DIR, which must be new
 * or empty (nothing is overwritten). Then start the server on it as usual.
 */
import { loadEnvConfig } from '@next/env';
import { serverEnv } from '../../lib/server/env';
import { restoreDataDir } from '../../lib/server/storage/backup';

async function main(): Promise<number> {
  // If a promise never settles and the event loop drains, Node exits by itself: that must not read as success.
  process.exitCode = 1;
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  const source = process.argv[2];
  if (!source) {
    console.error('usage: DATA_DIR=<new folder> npm run restore -- <backup folder>');
    return 2;
  }
  const env = serverEnv();
  const manifest = await restoreDataDir(source, env.dataDir);
  console.log(
    `[overpaint] restored the backup of ${manifest.createdAt} into ${env.dataDir}` +
      (manifest.includesBlobs ? ` with ${manifest.blobs} blobs` : ' (its blobs are in the bucket)'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[overpaint] restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
