import 'server-only';
import { serverEnv } from './env';
import { blobStore } from './storage/blobs';
import { checkDatabase, databaseKind } from './storage/db';

/**
 * What a start needs, checked in the order a person would fix it: the settings parse, the database opens, the blob
 * store answers. Run twice: by scripts/ops/preflight.ts, which `npm start` runs before `next start` opens the port
 * (`hold: false`: everything is let go again), and by boot.ts inside the server (`hold: true`: the database stays
 * open), the second line for a start that skipped the preflight or a setting that changed in between.
 * Throws an error whose message `startFailureLine` turns into the one line to print.
 */
export async function checkStart(options: { hold: boolean }): Promise<string> {
  const env = serverEnv();
  const database = options.hold ? await databaseKind() : await checkDatabase();
  await blobStore().check();
  const engine = env.engine === 'toapis' ? `ToAPIs (${env.toapis.model})` : 'offline';
  const blobs = env.blobs.kind === 's3' ? `s3 (${env.blobs.bucket})` : 'files';
  return `engine=${engine}, database=${database}, blobs=${blobs}, DATA_DIR=${env.dataDir}`;
}

/** The one line a failed start prints: which setting is wrong and how, never a value (it may be a secret). */
export function startFailureLine(error: unknown): string {
  return `[overpaint] cannot start: ${describe(error)}`;
}

function describe(error: unknown): string {
  // By name, not instanceof: the lock is taken in whichever server layer boots first (see lib/toapis/errors.ts).
  if ((error as { name?: unknown } | null)?.name === 'DataDirInUseError') return (error as Error).message;
  const message = error instanceof Error ? error.message : String(error);
  // Our own errors already name the setting; anything else came from opening the database.
  return /^(Invalid configuration: |DATABASE_URL: |S3_|DATA_DIR: )/.test(message)
    ? message.replace(/^Invalid configuration: /, '')
    : `could not open the database: ${message}`;
}
