/**
 * Shared set-up for tests that run the job pipeline through its real parts: PGlite in a temporary DATA_DIR, the blob
 * store, and the upstream client over HTTP to the local server speaking the ToAPIs contract. The server modules read
 * the environment when first used, so they are imported lazily, after `setUpPipeline` has set it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';

const SAMPLES = path.resolve(__dirname, '../../../shared/samples');

export function sample(name: string) {
  return readFileSync(path.join(SAMPLES, name));
}

/** Registers the fake upstream, a fresh DATA_DIR and the environment for this test file; closes them afterwards. */
export function setUpPipeline(prefix: string, options: { completeAfterPolls: number; env?: Record<string, string> }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `overpaint-${prefix}-`));
  let fake: FakeToapis | undefined;
  beforeAll(async () => {
    fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: options.completeAfterPolls });
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      TOAPIS_API_KEY: 'test-key',
      TOAPIS_BASE_URL: fake.url,
      ...options.env,
    });
  });
  afterAll(async () => {
    const { closeDb } = await import('@/lib/server/storage/db');
    await closeDb();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    get fake(): FakeToapis {
      if (!fake) throw new Error('The fake upstream starts in beforeAll');
      return fake;
    },
  };
}

/** Stores a sample as a reference, as the studio's upload would. */
export async function addReference(name: string) {
  const { storeReference } = await import('@/lib/server/assets');
  const result = await storeReference(new File([sample(name)], name));
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Steps a job as the runner would, without waiting for its schedule; returns its row, finished or not. */
export async function driveJob(jobId: string, maxSteps = 40) {
  const { advanceJob } = await import('@/lib/server/jobs/advance');
  const { findJobRow, updateJob } = await import('@/lib/server/jobs/repository');
  for (let step = 0; step < maxSteps; step++) {
    const row = await findJobRow(jobId);
    if (!row || row.phase === 'done') return row;
    await updateJob(jobId, { nextCheckAt: new Date() });
    await advanceJob(jobId);
  }
  return findJobRow(jobId);
}
