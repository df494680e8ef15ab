/**
 * Versions through the real storage (PGlite in a temporary DATA_DIR, files in the blob store): a reference made from
 * a result remembers it, and a result's chain walks back through every Make base to the first upload.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-lineage-'));

beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
});

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function modules() {
  const [assets, lineage, repository, db, schema] = await Promise.all([
    import('../assets'),
    import('./lineage'),
    import('../jobs/repository'),
    import('../storage/db'),
    import('../storage/schema'),
  ]);
  return { ...assets, ...lineage, ...repository, ...db, ...schema };
}

/** A completed task on `baseId` with one result (position 0), as the runner leaves it. */
async function completedTask(baseId: string, prompt: string, resultFile: string) {
  const m = await modules();
  const id = randomUUID();
  await (await m.getDb()).insert(m.jobs).values({
    id,
    idempotencyKey: randomUUID(),
    status: 'completed',
    phase: 'done',
    engine: 'offline',
    prompt,
    options: DEFAULT_OPTIONS,
    referenceIds: [baseId],
  });
  const result = await m.storeGeneratedAsset({ kind: 'result', bytes: sample(resultFile), filename: `${prompt}.png` });
  await m.addJobResult(id, 0, result.id);
  return { id, result };
}

describe('lineage', () => {
  it('follows Make base twice back to the upload: base → v1 → v2 → v3', async () => {
    const m = await modules();
    const upload = await m.storeReference(new File([sample('coffee.png')], 'coffee.png'));
    if (!upload.ok) throw new Error('upload refused');
    const first = await completedTask(upload.data.id, 'one', 'coffee.png');
    const base2 = await m.referenceFromAsset(first.result.id, 'v1.png');
    if (!base2.ok) throw new Error('reference refused');
    const second = await completedTask(base2.data.id, 'two', 'rocket.jpg');
    const base3 = await m.referenceFromAsset(second.result.id, 'v2.png');
    if (!base3.ok) throw new Error('reference refused');
    const third = await completedTask(base3.data.id, 'three', 'coffee.png');

    const steps = await m.lineageOf(third.id, 0);
    expect(
      steps?.map((step) => (step.kind === 'base' ? `base:${step.asset.id}` : `${step.prompt}:${step.asset.id}`)),
    ).toEqual([
      `base:${upload.data.id}`,
      `one:${first.result.id}`,
      `two:${second.result.id}`,
      `three:${third.result.id}`,
    ]);
    // The middle version's chain stops at itself.
    expect((await m.lineageOf(second.id, 0))?.length).toBe(3);
    // A copy of a reference made from a result keeps that origin (Use as reference of a reference).
    const copy = await m.referenceFromAsset(base3.data.id, 'copy.png');
    if (!copy.ok) throw new Error('copy refused');
    const fourth = await completedTask(copy.data.id, 'four', 'coffee.png');
    expect((await m.lineageOf(fourth.id, 0))?.map((step) => step.kind === 'result' && step.prompt)).toEqual([
      false,
      'one',
      'two',
      'four',
    ]);
  }, 60_000);

  it('a task on an upload has the upload as its only parent; an unknown result has no chain', async () => {
    const m = await modules();
    const upload = await m.storeReference(new File([sample('rocket.jpg')], 'rocket.jpg'));
    if (!upload.ok) throw new Error('upload refused');
    const task = await completedTask(upload.data.id, 'alone', 'rocket.jpg');
    expect((await m.lineageOf(task.id, 0))?.map((step) => step.kind)).toEqual(['base', 'result']);
    expect(await m.lineageOf(task.id, 5)).toBeNull();
    expect(await m.lineageOf(randomUUID(), 0)).toBeNull();
  });
});
