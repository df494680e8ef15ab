/**
 * A full disk never leaves an engine task queued on disk forever: a task whose results cannot be written fails
 * with the reason, and one whose own record cannot be written is run again once the disk has room.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from './engine';

const SECRET = 'engine-disk-secret';
const BASE = 'http://engine.test/engine';

let dataDir: string;
const engines: Engine[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'overpaint-engine-disk-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  await rm(dataDir, { recursive: true, force: true });
});

function diskFull(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** An engine whose disk writes fail while `full(file)` says so. */
function open(full: (file: string) => boolean): Engine {
  const engine = createEngine({
    dataDir,
    secret: SECRET,
    publicBaseUrl: BASE,
    retryDelayMs: 50,
    io: {
      async writeFile(file, data) {
        if (full(file)) {
          // Like a real full disk: part of the bytes land before the write fails.
          await writeFile(file, typeof data === 'string' ? data.slice(0, 8) : data.subarray(0, 8));
          throw diskFull();
        }
        await writeFile(file, data);
      },
    },
  });
  engines.push(engine);
  return engine;
}

async function createTask(engine: Engine): Promise<string> {
  const res = await engine.handle(
    new Request(`${BASE}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'offline-engine', prompt: 'a lighthouse at dusk', size: '1:1', resolution: '1k' }),
    }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function status(engine: Engine, id: string) {
  const res = await engine.handle(
    new Request(`${BASE}/v1/images/generations/${id}`, { headers: { authorization: `Bearer ${SECRET}` } }),
  );
  return (await res.json()) as { status: string; error: { code: string; message: string } | null };
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('engine store on a full disk', () => {
  it('a task whose results cannot be written fails with the reason, and leaves no temp files', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = open((file) => path.basename(file).startsWith('res_'));
    const id = await createTask(engine);
    await engine.idle();
    const task = await status(engine, id);
    expect(task.status).toBe('failed');
    expect(task.error).toEqual({
      code: 'storage_failed',
      message: 'The offline engine could not save its work: the disk is full.',
    });
    const left = await readdir(path.join(dataDir, 'engine', 'results'));
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a task whose own record cannot be written is run again, and completes once the disk has room', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let full = false;
    const engine = open((file) => full && file.includes(`${path.sep}tasks${path.sep}`));
    full = true;
    const id = await createTask(engine).catch(() => null);
    // The create itself could not be stored: refused, never acknowledged (nothing to follow forever).
    expect(id).toBeNull();

    full = false;
    const taskId = await createTask(engine);
    full = true; // the disk fills up before the engine starts on it: not even "failed" can be written
    await until(async () => errors.mock.calls.some((call) => String(call[0]).includes('trying again')));
    expect((await status(engine, taskId)).status).toBe('queued');
    full = false;
    await until(async () => (await status(engine, taskId)).status === 'completed');
  });
});
