import 'server-only';
import { closeEngine } from '@/lib/engine/host';
import { serverEnv } from './env';
import { startJobRunner, stopJobRunner } from './jobs/runner';
import { closeDb, databaseKind } from './storage/db';
import { DataDirInUseError } from './storage/data-dir-lock';

const SHUTDOWN_GRACE_MS = 8_000;

/**
 * Runs once when the server process starts: opens the database (taking the DATA_DIR lock and applying
 * migrations), then starts the job runner, which resumes every unfinished task from the database.
 * A configuration that cannot work stops the process here with one clear line.
 */
export async function bootServer(): Promise<void> {
  const env = serverEnv();
  try {
    const kind = await databaseKind();
    console.log(
      `[overpaint] ready: engine=${env.engine === 'toapis' ? `ToAPIs (${env.toapis.model})` : 'offline'}, database=${kind}, DATA_DIR=${env.dataDir}`,
    );
  } catch (error) {
    const reason = error instanceof DataDirInUseError ? error.message : `could not open the database: ${describe(error)}`;
    console.error(`[overpaint] ${reason}`);
    process.exit(1);
  }
  startJobRunner();
  handleShutdownSignals();
}

/**
 * With NEXT_MANUAL_SIG_HANDLE set (npm start sets it), Next leaves SIGTERM/SIGINT to us: stop taking work,
 * let the offline engine stop, close the database so PGlite flushes and the DATA_DIR lock is released, then exit.
 */
function handleShutdownSignals(): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    stopJobRunner();
    const forced = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    forced.unref();
    // The engine first (its unfinished tasks resume on the next start), then the database.
    closeEngine()
      .then(closeDb)
      .catch((error: unknown) => console.error(`[overpaint] closing the database failed: ${describe(error)}`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
