import 'server-only';
import { closeEngine } from '@/lib/engine/host';
import { serverEnv } from './env';
import { drainJobRunner, startJobRunner } from './jobs/runner';
import { blobStore } from './storage/blobs';
import { closeDb, databaseKind } from './storage/db';
import { DataDirInUseError } from './storage/data-dir-lock';

/** SIGTERM to exit: the runner's steps in flight get most of it, closing the rest. Under a typical 10 s LB drain. */
const SHUTDOWN_GRACE_MS = 8_000;
const DRAIN_MS = 5_000;

/**
 * Runs once when the server process starts, before the port opens: reads the configuration, opens the database
 * (taking the DATA_DIR lock or the migration lock, applying migrations), checks the blob store, then starts the job
 * runner, which resumes every unfinished task from the database.
 * A configuration that cannot work stops the process here with one clear line naming the setting.
 */
export async function bootServer(): Promise<void> {
  try {
    const env = serverEnv();
    const kind = await databaseKind();
    await blobStore().check();
    console.log(
      `[overpaint] ready: engine=${env.engine === 'toapis' ? `ToAPIs (${env.toapis.model})` : 'offline'}, database=${kind}, blobs=${env.blobs.kind === 's3' ? `s3 (${env.blobs.bucket})` : 'files'}, DATA_DIR=${env.dataDir}`,
    );
  } catch (error) {
    console.error(`[overpaint] cannot start: ${describe(error)}`);
    process.exit(1);
  }
  startJobRunner();
  handleShutdownSignals();
}

/**
 * With NEXT_MANUAL_SIG_HANDLE set (npm start sets it), Next leaves SIGTERM/SIGINT to us: stop claiming work, let
 * the steps in flight finish and hand the leases back (another instance takes the jobs over at once), let the
 * offline engine stop, close the database so PGlite flushes and the DATA_DIR lock is released, then exit.
 */
function handleShutdownSignals(): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const forced = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    forced.unref();
    // The runner first, then the engine (its unfinished tasks resume on the next start), then the database.
    drainJobRunner(DRAIN_MS)
      .then(closeEngine)
      .then(closeDb)
      .catch((error: unknown) => console.error(`[overpaint] closing the database failed: ${describe(error)}`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

function describe(error: unknown): string {
  if (error instanceof DataDirInUseError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  // Our own errors already name the setting; anything else came from opening the database.
  return /^(Invalid configuration: |DATABASE_URL: |S3_|DATA_DIR: )/.test(message)
    ? message.replace(/^Invalid configuration: /, '')
    : `could not open the database: ${message}`;
}
