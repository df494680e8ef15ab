/**
 * `npm run gc`: runs the storage collector now (lib/server/gc) with the configured grace period and retention,
 * under the same lease as the scheduled runs, and prints what it freed. With PGlite, stop the server first (it
 * holds DATA_DIR); with PostgreSQL it runs beside the instances.
 */
import { loadEnvConfig } from '@next/env';
import { runGcOnce } from '../../lib/server/gc/schedule';
import { closeDb } from '../../lib/server/storage/db';

async function main(): Promise<number> {
  // If a promise never settles and the event loop drains, Node exits by itself: that must not read as success.
  process.exitCode = 1;
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    const report = await runGcOnce({ force: true });
    if (!report) console.log('[overpaint] storage collection is running on another instance right now; nothing done');
    return 0;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[overpaint] storage collection failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
