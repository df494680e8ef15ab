/**
 * The start checks, before the port opens. `npm start` runs this, then `next start` only if it passed:
 *
 *   node --conditions=react-server --require tsx/cjs scripts/ops/preflight.ts
 *
 * Next opens the port first and boots the app afterwards (instrumentation.ts → lib/server/boot.ts), so a start
 * whose configuration cannot work would listen for a moment and then die, and a load balancer or an orchestrator
 * might already have sent it traffic. This runs the server's own checks (lib/server/start-checks.ts: the same
 * parser, the same database and blob store code) and holds nothing afterwards: a PostgreSQL pool is closed, the
 * DATA_DIR lock is handed back. On failure it prints the one line naming the setting and exits 1.
 *
 * `--conditions=react-server`: the server modules import 'server-only', which throws unless resolved the way
 * Next's server bundles resolve it. No other package this imports has a react-server export.
 * `--require tsx/cjs`: tsx's require hook alone, a quarter of a second quicker to start than its ESM loader. So
 * everything here is a static import (the modules read the environment when called, not when imported), and a
 * dynamic `import()` of one of our own .ts modules on this path would not resolve (packages are fine): the start
 * would fail saying so, and e2e/start-checks.spec.ts would too.
 */
import { loadEnvConfig } from '@next/env';
import { writeSync } from 'node:fs';
import { serverEnv } from '../../lib/server/env';
import { checkStart, startFailureLine } from '../../lib/server/start-checks';

/**
 * Hands `npm start` the address to listen on (HOST, or loopback for an open studio) on file descriptor 3, which the
 * start script captures; the checks' own output stays on stdout/stderr. Run by hand (no fd 3), it says nothing.
 */
function tellListenHost(): void {
  try {
    writeSync(3, serverEnv().listenHost ?? '');
  } catch {
    // Not started by `npm start`: nobody is listening on fd 3.
  }
}

async function main(): Promise<number> {
  // The settings `next start` will see: the shell's environment, then .env.production.local, .env.local,
  // .env.production and .env (never overriding what is already set), as Next loads them. Quietly: Next says it too.
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  // The AWS SDK warns about Node 20 on first use, over several lines; the server prints it, this must print one line.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    await checkStart({ hold: false });
    tellListenHost();
    return 0;
  } catch (error) {
    console.error(startFailureLine(error));
    return 1;
  }
}

// Exit at once: an S3 client's sockets or a pool's timers must not keep the start waiting.
void main().then((code) => process.exit(code));
