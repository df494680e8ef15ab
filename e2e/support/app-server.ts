/**
 * Starts the built app for end-to-end tests the way it is run in production, `npm start` (the start checks, then
 * `next start`), on a free port with its own DATA_DIR.
 *
 *   const app = await startApp({ env: { TOAPIS_API_KEY: 'k', TOAPIS_BASE_URL: fake.url } });
 *   await fetch(`${app.url}/api/health`);
 *   await app.stop('SIGKILL');   // the process dies; DATA_DIR stays
 *   await app.restart();         // same port, same DATA_DIR, same env
 *   await app.dispose();         // stop + delete the temp DATA_DIR (unless keepData)
 *
 * Needs a production build (`npm run build`; `npm test` does it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGLITE_TEMPLATE_ENV } from './global-setup';

export const REPO_ROOT = process.env.OVERPAINT_REPO_ROOT ?? path.resolve(__dirname, '..', '..');

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_LINES = 2_000;

/** Variables that would switch the app away from its embedded defaults (offline engine, embedded database). */
const DEFAULTS_RESET: Record<string, string | undefined> = {
  TOAPIS_API_KEY: '', // set-but-empty beats a developer's .env file; the app reads '' as "no key" (offline engine)
  TOAPIS_BASE_URL: undefined,
  TOAPIS_MODEL: undefined,
  DATABASE_URL: '',
};

export interface StartAppOptions {
  /** Extra environment for the app. A value of `undefined` removes the variable. */
  env?: Record<string, string | undefined>;
  /** Use this DATA_DIR (never deleted by the harness). Default: a fresh temp dir, deleted by dispose(). */
  dataDir?: string;
  /** Use this port. Default: a free one. */
  port?: number;
  /**
   * Let the app initialise PGlite itself, as on a machine's very first start. By default a fresh DATA_DIR gets a
   * copy of the run's initialised one (the same empty cluster, seconds sooner).
   */
  initialiseDatabase?: boolean;
  /** Keep the temp DATA_DIR after dispose() (it is printed). */
  keepData?: boolean;
  /** Readiness timeout, ms. Default 60 s. */
  readyTimeoutMs?: number;
}

export interface AppServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** What was added to the inherited environment (PORT, DATA_DIR, NEXT_TELEMETRY_DISABLED and the caller's env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Process id of the running server, or undefined when stopped. */
  readonly pid: number | undefined;
  isRunning(): boolean;
  /** Signals the server's process group (default SIGTERM; SIGKILL after 10 s) and waits for it to exit. Keeps DATA_DIR. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again (stopping it first if it runs) with the same port, DATA_DIR and env; waits until ready. */
  restart(): Promise<void>;
  /** stop(), then delete the temp DATA_DIR unless `keepData` or the caller gave the dir. */
  dispose(): Promise<void>;
  /** The server's recent stdout/stderr (ring buffer), for diagnostics. */
  logs(): string;
}

/** A port that was free a moment ago (bind port 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

// Last-resort clean-up if a worker dies without disposing its servers.
const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: next may fork workers
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function groupExists(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupExists(child) && Date.now() < deadline) await sleep(20);
}

class RingLog {
  private lines: string[] = [];
  private partial: Record<string, string> = {};
  push(stream: string, chunk: Buffer | string): void {
    const text = (this.partial[stream] ?? '') + chunk.toString();
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const line of parts) this.add(stream === 'stderr' ? `[err] ${line}` : line);
  }
  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }
  toString(): string {
    const tails = Object.entries(this.partial)
      .filter(([, v]) => v)
      .map(([k, v]) => (k === 'stderr' ? `[err] ${v}` : v));
    return [...this.lines, ...tails].join('\n');
  }
}

function assertInstalled(): void {
  const bin = path.join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  if (!existsSync(bin)) throw new Error(`next is not installed (${bin} missing): run \`npm ci\` first.`);
}

function assertBuilt(): void {
  if (!existsSync(path.join(REPO_ROOT, '.next', 'BUILD_ID'))) {
    throw new Error(
      `No production build in ${path.join(REPO_ROOT, '.next')}: run \`npm run build\` first (\`npm test\` does it).`,
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function probe(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return null;
  }
}

/** Ready = /api/health answers 200; while that route does not exist (404), any HTTP answer on / counts. */
async function isReady(url: string): Promise<boolean> {
  const health = await probe(`${url}/api/health`);
  if (health === 200) return true;
  if (health === 404) return (await probe(`${url}/`)) !== null;
  return false;
}

export async function startApp(options: StartAppOptions = {}): Promise<AppServer> {
  assertBuilt();
  assertInstalled();
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir
    ? path.resolve(options.dataDir)
    : mkdtempSync(path.join(os.tmpdir(), 'overpaint-e2e-'));
  if (ownsDataDir) tempDirs.add(dataDir);
  // A fresh DATA_DIR starts from the run's initialised PGlite (e2e/support/global-setup.ts) unless asked not to.
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (ownsDataDir && template && !options.initialiseDatabase) {
    cpSync(template, path.join(dataDir, 'pglite'), { recursive: true });
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const log = new RingLog();

  let port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let exitInfo: string | null = null;

  const envFor = (p: number): Record<string, string | undefined> => ({
    ...options.env,
    PORT: String(p),
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  });

  function spawnServer(): void {
    const inherited: Record<string, string | undefined> = { ...process.env };
    delete inherited.NODE_OPTIONS; // the test runner's loader hooks must not leak into the app
    const childEnv: Record<string, string | undefined> = { ...inherited, ...DEFAULTS_RESET, ...envFor(port) };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    log.add(`--- npm start -- -H 127.0.0.1 -p ${port} (DATA_DIR=${dataDir}) at ${new Date().toISOString()} ---`);
    exitInfo = null;
    // npm runs the start checks, then execs `next start`: npm stays the parent, forwards SIGTERM to the server and
    // exits with it, so `exited` means the server itself has gone.
    const proc = spawn('npm', ['start', '--', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: REPO_ROOT,
      env: childEnv as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() reaches everything it forks
    });
    child = proc;
    live.add(proc);
    proc.stdout?.on('data', (c) => log.push('stdout', c));
    proc.stderr?.on('data', (c) => log.push('stderr', c));
    exited = new Promise<void>((resolve) => {
      proc.once('exit', (code, signal) => {
        exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        log.add(`--- server exited (${exitInfo}) ---`);
        live.delete(proc);
        if (child === proc) child = undefined;
        resolve();
      });
      proc.once('error', (err) => {
        exitInfo = `spawn error: ${err.message}`;
        log.add(`--- ${exitInfo} ---`);
        live.delete(proc);
        if (child === proc) child = undefined;
        resolve();
      });
    });
  }

  async function waitReady(): Promise<void> {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!child) {
        throw new Error(`The app exited before it was ready (${exitInfo}).\n--- server log ---\n${log.toString()}`);
      }
      if (await isReady(url)) return;
      await sleep(200);
    }
    const msg = `The app at ${url} was not ready within ${readyTimeoutMs / 1000} s.\n--- server log ---\n${log.toString()}`;
    await stop('SIGKILL');
    throw new Error(msg);
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = child;
    if (!proc) return;
    killGroup(proc, signal);
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      log.add(`--- no exit ${STOP_TIMEOUT_MS / 1000} s after ${signal}; sending SIGKILL ---`);
      killGroup(proc, 'SIGKILL');
      await exited;
    }
    // The group may hold children that outlived the leader. After a SIGKILL npm is gone at once while the server
    // it ran is still being torn down: wait until every member has been reaped, or the next start would find the
    // DATA_DIR lock's owner still alive.
    killGroup(proc, 'SIGKILL');
    await groupGone(proc);
  }

  async function start(): Promise<void> {
    spawnServer();
    await waitReady();
  }

  // First start. If nobody chose the port and it was taken in the meantime, try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      const busy = /EADDRINUSE/.test(log.toString());
      if (options.port !== undefined || !busy || attempt >= 3) {
        if (ownsDataDir && !options.keepData) {
          rmSync(dataDir, { recursive: true, force: true });
          tempDirs.delete(dataDir);
        }
        throw err;
      }
      port = await freePort();
    }
  }

  const server: AppServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    get env() {
      return envFor(port);
    },
    get pid() {
      return child?.pid;
    },
    isRunning: () => child !== undefined,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      if (ownsDataDir) {
        if (options.keepData) {
          tempDirs.delete(dataDir);
          console.log(`[app-server] kept DATA_DIR ${dataDir}`);
        } else {
          rmSync(dataDir, { recursive: true, force: true });
          tempDirs.delete(dataDir);
        }
      }
    },
    logs: () => log.toString(),
  };
  return server;
}
