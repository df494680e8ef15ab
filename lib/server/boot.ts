import 'server-only';
import sharp from 'sharp';
import { closeEngine } from '@/lib/server/engine-host';
import { resolveApiToken } from './api/tokens';
import { installFrontDoor } from './auth/client-address';
import { startCostSweep } from './cost/sweep';
import { drainBatchFeeder, startBatchFeeder } from './batches/feeder';
import { startGcSchedule } from './gc/schedule';
import { drainJobRunner, startJobRunner } from './jobs/runner';
import { checkStart, startFailureLine } from './start-checks';
import { closeDb } from './storage/db';
import { startWebhookWorker } from './webhooks/worker';

/** SIGTERM to exit: the runner's steps in flight get most of it, closing the rest. Under a typical 10 s LB drain. */
const SHUTDOWN_GRACE_MS = 8_000;
const DRAIN_MS = 5_000;

/**
 * Runs once when the server process starts, as Next prepares its request handlers (the port is already open, and
 * requests wait for this): reads the configuration, opens the database (taking the DATA_DIR lock or the migration
 * lock, applying migrations), checks the blob store, then starts the job runner, which resumes every unfinished
 * task from the database. `npm start` ran the same checks before the port opened (scripts/ops/preflight.ts); a
 * configuration that fails them here still stops the process with the same one line.
 */
export async function bootServer(): Promise<void> {
  // First: the login limiter needs each request's socket address, and bodies before login stay small.
  installFrontDoor({ apiTokenIsValid: async (token) => (await resolveApiToken(token)) !== null });
  try {
    console.log(`[overpaint] ready: ${await checkStart({ hold: true })}`);
  } catch (error) {
    console.error(startFailureLine(error));
    process.exit(1);
  }
  // libvips' operation cache keeps recent images' pixels (up to 50 MB) for a repeat that does not come here: each
  // image the server processes is a new one. Off, as in the decoder child.
  sharp.cache(false);
  startJobRunner();
  startBatchFeeder();
  startGcSchedule();
  startCostSweep();
  // Outgoing webhooks: a static import and a start here, so the built app delivers without any page being opened.
  startWebhookWorker();
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
    Promise.all([
      drainJobRunner(DRAIN_MS),
      drainBatchFeeder().catch((error: unknown) =>
        console.error('[overpaint] handing batch leases back failed:', error),
      ),
    ])
      .then(closeEngine)
      .then(closeDb)
      .catch((error: unknown) =>
        console.error(
          `[overpaint] closing the database failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
