import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from './support/app-server';
import { expect, test } from './support/fixtures';
import { testPostgres } from '../lib/testing/postgres';
import { startS3, type TestS3 } from '../lib/testing/s3-server';

// `npm start` itself, the command the README gives: a setting that cannot work stops the start with one line naming
// it and exit code 1, and the port never opens (a probe connects every 10 ms all along). A good configuration is
// the control: the same probe sees the port open, and SIGTERM to npm alone (as `docker stop` sends it) still
// reaches the server, which shuts down cleanly.

interface StartRun {
  code: number | null;
  /** What Overpaint printed: npm's own banner and warnings left out. */
  lines: string[];
  /** Whether anything accepted a connection on the port while the start ran. */
  listened: boolean;
}

const NPM_NOISE = /^(npm (warn|notice|error) |> |$)/;

/** Runs `npm start` on a free port with the embedded defaults plus `env`, until it exits or is ready. */
async function npmStart(
  env: Record<string, string>,
  options: { untilReady?: boolean } = {},
): Promise<StartRun & { port: number; pid: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    TOAPIS_API_KEY: '',
    DATABASE_URL: '',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    ...env,
  };
  delete childEnv.NODE_OPTIONS;
  const child = spawn('npm', ['start', '--', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: REPO_ROOT,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve((code = c))));
  let listened = false;
  const deadline = Date.now() + 60_000;
  while (code === undefined && Date.now() < deadline) {
    if (await accepts(port)) {
      listened = true;
      if (options.untilReady && (await healthy(port))) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (code === undefined && !options.untilReady) {
    process.kill(-child.pid!, 'SIGKILL');
    throw new Error(`npm start neither failed nor got ready in 60 s:\n${output}`);
  }
  const lines = () => output.split('\n').filter((line) => !NPM_NOISE.test(line));
  return { code: code ?? null, lines: lines(), listened, port, pid: child.pid!, exited };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function healthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
  return response?.status === 200;
}

let s3: TestS3;
let databaseUrl: string | null = null;
let skipReason = '';

test.beforeAll(async () => {
  s3 = await startS3();
  const postgres = await testPostgres();
  if (postgres.ok) databaseUrl = postgres.pg.url;
  else skipReason = postgres.reason;
});
test.afterAll(async () => {
  await s3?.close();
});

test('a setting that cannot work stops npm start with one line naming it, before the port opens', async ({
  launchApp,
}) => {
  test.setTimeout(120_000);
  const closedPort = await freePort();
  const busy = await launchApp();
  const cases: { setting: string; env: Record<string, string>; line: string | RegExp }[] = [
    {
      setting: 'an invalid value',
      env: { BLOB_STORE: 'azure' },
      line: '[overpaint] cannot start: BLOB_STORE: Invalid option: expected one of "file"|"s3"',
    },
    {
      setting: 'an unreachable database',
      env: { DATABASE_URL: `postgres://overpaint@127.0.0.1:${closedPort}/overpaint` },
      line: '[overpaint] cannot start: DATABASE_URL: the PostgreSQL server cannot be reached (ECONNREFUSED)',
    },
    {
      setting: 'a missing bucket',
      env: { ...s3.env, S3_BUCKET: 'no-such-bucket' },
      line: '[overpaint] cannot start: S3_BUCKET: the bucket "no-such-bucket" does not exist at this endpoint',
    },
    {
      // A key the store does not know (s3rver checks the key id but not the signature, so a wrong secret passes it;
      // AWS, MinIO and R2 answer both with the same 403).
      setting: 'wrong S3 credentials',
      env: { ...s3.env, S3_ACCESS_KEY_ID: 'NOT-A-KEY', S3_SECRET_ACCESS_KEY: 'not-the-secret' },
      line: `[overpaint] cannot start: S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: the object store refused these credentials for bucket "${s3.bucket}"`,
    },
    {
      setting: 'a DATA_DIR a live server uses',
      env: { DATA_DIR: busy.dataDir },
      line: new RegExp(
        `^\\[overpaint\\] cannot start: DATA_DIR ${busy.dataDir} is already used by another Overpaint server \\(process \\d+ on [^)]+, since [^)]+\\)\\.`,
      ),
    },
  ];
  if (databaseUrl) {
    // The test server trusts every local connection, so a wrong password passes; a user it does not know is refused
    // the same way (SQLSTATE 28000 here, 28P01 for a wrong password: the same line).
    const wrongUser = new URL(databaseUrl);
    wrongUser.username = 'no_such_user';
    wrongUser.password = 'secret';
    cases.push({
      setting: 'wrong database credentials',
      env: { DATABASE_URL: wrongUser.toString() },
      line: '[overpaint] cannot start: DATABASE_URL: the PostgreSQL server refused the user name or password',
    });
  } else {
    console.warn(`[start-checks] wrong database credentials not tried: ${skipReason}`);
  }

  for (const { setting, env, line } of cases) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-start-'));
    try {
      const run = await npmStart({ DATA_DIR: dataDir, ...env });
      expect(run.code, setting).toBe(1);
      expect(run.lines, setting).toHaveLength(1);
      expect(run.lines[0], setting).toMatch(line);
      expect(run.listened, `${setting}: nothing may listen on the port`).toBe(false);
      expect(await accepts(run.port), setting).toBe(false);
      // Nothing secret in the line: not the S3 secret, not the database password.
      expect(run.lines[0]).not.toContain('not-the-secret');
      expect(run.lines[0]).not.toContain(':secret@');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  // The server whose DATA_DIR was asked for is untouched.
  expect(await healthy(busy.port)).toBe(true);
});

test('a good configuration starts; SIGTERM to npm alone shuts the server down cleanly', async () => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-start-'));
  let group: number | undefined;
  try {
    // The preflight alone (the first half of `npm start`): it passes and leaves no lock on DATA_DIR behind.
    const [preflight] = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start.split(' && ');
    const checked = spawnSync('sh', ['-c', preflight!], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        TOAPIS_API_KEY: '',
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PATH: `${REPO_ROOT}/node_modules/.bin:${process.env.PATH}`,
      },
      encoding: 'utf8',
    });
    expect(checked.status, checked.stderr).toBe(0);
    expect(`${checked.stdout}${checked.stderr}`.trim()).toBe('');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(false);

    const run = await npmStart({ DATA_DIR: dataDir }, { untilReady: true });
    group = run.pid;
    expect(run.listened).toBe(true);
    expect(await healthy(run.port)).toBe(true);
    // The server holds DATA_DIR now, under its own pid (npm exec'd it: the pid is npm's child, not a shell's).
    const owner = Number(readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
    expect(spawnSync('ps', ['-o', 'ppid=', '-p', String(owner)], { encoding: 'utf8' }).stdout.trim()).toBe(
      String(run.pid),
    );

    const stopping = Date.now();
    process.kill(run.pid, 'SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(9_000);
    expect(await accepts(run.port)).toBe(false);
    // Shut down, not killed: the database was closed and the DATA_DIR lock handed back.
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(() => process.kill(owner, 0)).toThrow();
  } finally {
    if (group) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
