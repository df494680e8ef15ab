/**
 * `npm run backup -- <folder>`: a consistent copy of an embedded studio's DATA_DIR (PGlite's own dump of the
 * database, every blob checked against its hash, the offline engine's files) into a new folder. Stop the server
 * first: the copy is taken under the DATA_DIR lock, which a running server holds. `npm run restore -- <folder>`
 * puts it back. With DATABASE_URL (PostgreSQL) use the database's and the bucket's own tools: scaling.md.
 */
import { loadEnvConfig } from '@next/env';
import { serverEnv } from '../../lib/server/env';
import { backupDataDir } from '../../lib/server/storage/backup';

async function main(): Promise<number> {
  // If a promise never settles and the event loop drains, Node exits by itself: that must not read as success.
  process.exitCode = 1;
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run backup -- <new folder>');
    return 2;
  }
  const env = serverEnv();
  if (env.databaseUrl) {
    console.error(
      '[overpaint] backup: DATABASE_URL is set; back up PostgreSQL with pg_dump and the bucket with its own tools (scripts/ops/scaling.md)',
    );
    return 1;
  }
  const manifest = await backupDataDir(env.dataDir, target, { blobs: env.blobs.kind === 'file' });
  const blobs = manifest.includesBlobs
    ? `${manifest.blobs} blobs (${(manifest.blobBytes / 1_048_576).toFixed(1)} MB)`
    : 'no blobs (BLOB_STORE=s3: back the bucket up separately)';
  console.log(`[overpaint] backup of ${env.dataDir} written to ${target}: the database and ${blobs}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[overpaint] backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
