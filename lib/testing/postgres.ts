/**
 * A real PostgreSQL server for tests. Importable from vitest and Playwright: plain TypeScript, no `@/` alias.
 *
 *   const pg = await testPostgres();          // null: none here (skip, saying why in pg.reason); CI=true: throws
 *   const url = await pg.createDatabase();    // a fresh, empty database on it, for one test file
 *
 * Uses `TEST_DATABASE_URL` when set (`.ci/run` starts one server for the whole run and exports it). Otherwise it
 * starts its own from Debian's `postgresql` binaries: `initdb` into a temp dir, `postgres` on a free port with its
 * socket in that dir, as the `postgres` user when run as root (PostgreSQL refuses root), stopped on process exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const { Client } = pg;

export interface TestPostgres {
  /** Admin URL of the server (the `postgres` database). */
  url: string;
  createDatabase(prefix?: string): Promise<string>;
}

export type TestPostgresResult = { ok: true; pg: TestPostgres } | { ok: false; reason: string };

let started: Promise<TestPostgresResult> | null = null;

/** One server per process, started on first use. */
export function testPostgres(): Promise<TestPostgresResult> {
  started ??= findOrStart().then((result) => {
    if (!result.ok && process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but is not available: ${result.reason}`);
    }
    return result;
  });
  return started;
}

async function findOrStart(): Promise<TestPostgresResult> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { ok: true, pg: server(given) };
  const bin = findBinDir();
  if (!bin)
    return { ok: false, reason: 'no PostgreSQL binaries (apt-get install postgresql, or set TEST_DATABASE_URL)' };
  try {
    return { ok: true, pg: server(await startServer(bin)) };
  } catch (error) {
    return {
      ok: false,
      reason: `could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function server(url: string): TestPostgres {
  return {
    url,
    async createDatabase(prefix = 'overpaint_test') {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
  };
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join(root, version, 'bin');
      if (existsSync(path.join(dir, 'initdb'))) return dir;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? path.dirname(found) : null;
}

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGQUIT'); // immediate shutdown
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startServer(bin: string): Promise<string> {
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user, which runs it directly
  // (spawned with its uid, so signals reach the server itself).
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-pg-'));
  dirs.add(dir);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    { encoding: 'utf8', cwd: dir, ...owner },
  );
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${(init.stderr || init.stdout || String(init.error)).trim().split('\n').pop()}`);
  }
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1'];
  // A throwaway cluster: durability buys nothing here.
  for (const setting of ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200']) {
    args.push('-c', setting);
  }
  const child = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...owner });
  children.add(child);
  stopWhenGone(process.pid, child.pid, dir);
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log.trim().split('\n').pop()}`);
    const client = new Client({ connectionString: url });
    const ready = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (ready) return url;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGQUIT');
  throw new Error(`postgres did not accept connections within 30 s: ${log.trim().split('\n').pop()}`);
}

/**
 * vitest and Playwright end their workers with a signal, which skips 'exit' handlers and would leave the server
 * running: a detached watchdog stops it (and removes its directory) once the test process is gone, however it went.
 */
function stopWhenGone(testPid: number, serverPid: number | undefined, dir: string): void {
  if (serverPid === undefined) return;
  const script = `while kill -0 ${testPid} 2>/dev/null; do sleep 1; done; kill -QUIT ${serverPid} 2>/dev/null; sleep 2; rm -rf '${dir}'`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0)
    throw new Error('running as root, and there is no postgres user to run the server');
  return { uid, gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
