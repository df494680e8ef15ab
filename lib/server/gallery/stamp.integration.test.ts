/** The gallery's change stamp against a real PGlite: it moves on every change the gallery shows, and only then. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-stamp-'));

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function modules() {
  const [stamp, list, repository] = await Promise.all([
    import('./stamp'),
    import('./list'),
    import('../jobs/repository'),
  ]);
  return { ...stamp, ...list, ...repository };
}

describe('galleryStamp', () => {
  it('changes when a task is created, updated, a result deleted and restored; stays put otherwise', async () => {
    const m = await modules();
    const empty = await m.galleryStamp();
    expect(await m.galleryStamp()).toBe(empty);

    const id = randomUUID();
    await m.insertJobOnce({
      id,
      idempotencyKey: randomUUID(),
      engine: 'offline',
      prompt: 'a task from another tab',
      options: DEFAULT_OPTIONS,
      referenceIds: [],
      maskId: null,
    });
    const created = await m.galleryStamp();
    expect(created).not.toBe(empty);
    expect(await m.galleryStamp()).toBe(created);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await m.updateJob(id, { status: 'in_progress', progress: 40 });
    const updated = await m.galleryStamp();
    expect(updated).not.toBe(created);

    await m.deleteResult(id, 0);
    const deleted = await m.galleryStamp();
    expect(deleted).not.toBe(updated);
    await m.restoreResult(id, 0);
    const restored = await m.galleryStamp();
    expect(restored).not.toBe(deleted);
    expect(await m.galleryStamp()).toBe(restored);
  });
});
