/**
 * The gallery's change stamp against a real PGlite: it moves on every change the gallery shows, and only then, except
 * a running task's progress (the gallery's live query follows that).
 */
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

  it('stays put while a running task only makes progress; moves on any status change and on any finished task update', async () => {
    const m = await modules();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const id = randomUUID();
    await m.insertJobOnce({
      id,
      idempotencyKey: randomUUID(),
      engine: 'offline',
      prompt: 'a task making progress',
      options: DEFAULT_OPTIONS,
      referenceIds: [],
      maskId: null,
    });
    const queued = await m.galleryStamp();

    await tick();
    await m.updateJob(id, { progress: 5, phase: 'create' });
    expect(await m.galleryStamp()).toBe(queued);

    await tick();
    await m.updateJob(id, { status: 'in_progress', phase: 'poll', progress: 10 });
    const started = await m.galleryStamp();
    expect(started).not.toBe(queued);

    for (const progress of [30, 60, 90]) {
      await tick();
      await m.updateJob(id, { progress, polls: progress / 30 });
      expect(await m.galleryStamp()).toBe(started);
    }
    await tick();
    await m.updateJob(id, { phase: 'download' });
    expect(await m.galleryStamp()).toBe(started);

    await tick();
    await m.updateJob(id, { status: 'completed', phase: 'done', progress: 100, completedAt: new Date() });
    const completed = await m.galleryStamp();
    expect(completed).not.toBe(started);

    // Anything written to a finished task shows (a result restored, an error reworded…).
    await tick();
    await m.updateJob(id, { completedAt: new Date() });
    const touched = await m.galleryStamp();
    expect(touched).not.toBe(completed);
    expect(await m.galleryStamp()).toBe(touched);
  });
});
