/**
 * `GET /api/jobs?ids=`, the gallery's live query, through the real route handler on PGlite in a temporary DATA_DIR:
 * exactly the asked tasks, shown as a gallery page shows them, and a clear refusal naming `ids` otherwise.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { LIVE_TASK_IDS_MAX } from '@/lib/jobs/live-tasks';
import type { Job } from '@/lib/jobs/types';
import { processSingleton } from '@/lib/process-singleton';
import { LOCAL_OWNER } from '../auth/actor';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-live-'));
const samples = path.resolve(__dirname, '../../../../shared/samples');

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '', AUTH_MODE: 'open', APP_PASSWORD: '' });
  processSingleton('server-env', () => undefined).take();
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(query: string): Promise<Response> {
  const { GET } = await import('@/app/api/jobs/route');
  return GET(new Request(`http://localhost/api/jobs?${query}`), undefined);
}

/** A running task, and a completed one with two results: the second deleted, the first starred by the viewer. */
async function seed(): Promise<{ running: string; completed: string }> {
  const { insertJobOnce, updateJob, addJobResult } = await import('../jobs/repository');
  const { storeGeneratedAsset } = await import('../assets');
  const { deleteResult } = await import('./list');
  const { getDb } = await import('../storage/db');
  const { stars } = await import('../storage/schema');
  const ids = { running: randomUUID(), completed: randomUUID() };
  for (const id of Object.values(ids)) {
    const job = { id, idempotencyKey: randomUUID(), engine: 'offline' as const, prompt: `task ${id}` };
    await insertJobOnce({ ...job, options: DEFAULT_OPTIONS, referenceIds: [], maskId: null });
  }
  await updateJob(ids.running, { status: 'in_progress', progress: 40 });
  const bytes = readFileSync(path.join(samples, 'coffee.png'));
  const asset = await storeGeneratedAsset({ kind: 'result', bytes, filename: 'result.png' });
  await addJobResult(ids.completed, 0, asset.id);
  await addJobResult(ids.completed, 1, asset.id);
  await updateJob(ids.completed, { status: 'completed', phase: 'done', progress: 100, completedAt: new Date() });
  await deleteResult(ids.completed, 1);
  await (await getDb()).insert(stars).values({ jobId: ids.completed, position: 0, personId: LOCAL_OWNER.id });
  return ids;
}

describe('GET /api/jobs?ids=', () => {
  it('answers exactly the asked tasks as the gallery page shows them; a task that is gone is absent', async () => {
    const { running, completed } = await seed();
    const response = await get(`ids=${running},${randomUUID()},${completed}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const { jobs } = (await response.json()) as { jobs: Job[] };
    expect(jobs.map((job) => job.id).sort()).toEqual([running, completed].sort());

    const live = new Map(jobs.map((job) => [job.id, job]));
    expect(live.get(running)).toMatchObject({ status: 'in_progress', progress: 40, results: [] });
    // The deleted result is left out and the viewer's star shows, as on a gallery page.
    const done = live.get(completed)!;
    expect(done.results.map((result) => result.position)).toEqual([0]);
    expect(done.results[0]?.curation).toMatchObject({ starred: true, stars: 1 });
    expect(done.createdByName).toBeDefined();

    const page = (await (await get('limit=100')).json()) as { jobs: Job[] };
    for (const job of jobs) expect(job).toEqual(page.jobs.find((other) => other.id === job.id));
  });

  it(`refuses a list that is empty, not of task ids, or longer than ${LIVE_TASK_IDS_MAX}, naming the field`, async () => {
    const many = (n: number) => Array.from({ length: n }, () => randomUUID()).join(',');
    for (const query of ['ids=', 'ids=not-a-task', `ids=${randomUUID()},,`, `ids=${many(LIVE_TASK_IDS_MAX + 1)}`]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('form:invalid');
      expect(error.message).toMatch(/\bids\b/);
    }
    const most = await get(`ids=${many(LIVE_TASK_IDS_MAX)}`);
    expect(most.status).toBe(200);
    expect(await most.json()).toEqual({ jobs: [] });
  });
});
