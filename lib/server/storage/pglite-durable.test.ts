/**
 * PGlite durability: with the default settings every commit reaches the disk (a real fsync of the WAL) before it
 * is acknowledged; PGLITE_FSYNC=false runs PGlite as it ships (fsync off, nothing synced).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

const synced = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fsyncSync: typeof real.fsyncSync = (fd) => {
    synced.count += 1;
    real.fsyncSync(fd);
  };
  return { ...real, fsyncSync, default: { ...real, fsyncSync } };
});

const root = mkdtempSync(path.join(os.tmpdir(), 'overpaint-pglite-sync-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function commitsAndSyncs(durable: boolean) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pgliteOptions } = await import('./pglite-durable');
  const client = new PGlite(await pgliteOptions(path.join(root, durable ? 'durable' : 'fast'), durable));
  await client.exec('create table notes (id serial primary key, body text)');
  const before = synced.count;
  for (let i = 0; i < 10; i++) await client.query('insert into notes (body) values ($1)', [`note ${i}`]);
  const syncs = synced.count - before;
  const [fsync] = (await client.query<{ fsync: string }>('show fsync')).rows;
  const [buffers] = (await client.query<{ shared_buffers: string }>('show shared_buffers')).rows;
  await client.close();
  return { syncs, fsync: fsync?.fsync, sharedBuffers: buffers?.shared_buffers };
}

describe('PGlite durability', () => {
  it('syncs every commit to the disk by default', { timeout: 180_000 }, async () => {
    const { syncs, fsync, sharedBuffers } = await commitsAndSyncs(true);
    expect(fsync).toBe('on');
    // Not initdb's 128MB, which PGlite touches in full at start and keeps (see SHARED_BUFFERS).
    expect(sharedBuffers).toBe('16MB');
    // One WAL fsync per commit at least: ten single-row commits, ten syncs.
    expect(syncs).toBeGreaterThanOrEqual(10);
  });

  it(
    'runs as PGlite ships (fsync off, nothing synced) only when PGLITE_FSYNC=false',
    { timeout: 180_000 },
    async () => {
      const { syncs, fsync, sharedBuffers } = await commitsAndSyncs(false);
      expect(fsync).toBe('off');
      expect(sharedBuffers).toBe('16MB');
      expect(syncs).toBe(0);
    },
  );

  it('reads PGLITE_FSYNC as on unless set to false', async () => {
    const { serverEnv } = await import('../env');
    const saved = process.env.PGLITE_FSYNC;
    const reset = () => processSingleton('server-env', () => undefined).take();
    try {
      for (const [value, expected] of [
        [undefined, true],
        ['', true],
        ['true', true],
        ['false', false],
        ['0', false],
      ] as const) {
        reset();
        if (value === undefined) delete process.env.PGLITE_FSYNC;
        else process.env.PGLITE_FSYNC = value;
        expect(serverEnv().pgliteFsync).toBe(expected);
      }
      reset();
      process.env.PGLITE_FSYNC = 'sometimes';
      expect(() => serverEnv()).toThrow(/^Invalid configuration: PGLITE_FSYNC: must be true or false/);
    } finally {
      reset();
      if (saved === undefined) delete process.env.PGLITE_FSYNC;
      else process.env.PGLITE_FSYNC = saved;
    }
  });
});
