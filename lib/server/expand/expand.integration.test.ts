/**
 * Expand and ratio sets through the real pipeline: PGlite in a temporary DATA_DIR, the blob store, and the
 * upstream client over HTTP to the local server speaking the ToAPIs contract.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeToapis, type FakeToapis } from '@/e2e/support/fake-toapis';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-expand-'));
let fake: FakeToapis;

beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: 1 });
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: 'test-key', TOAPIS_BASE_URL: fake.url });
});

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

async function modules() {
  const [assets, submit, advance, repository, zip, retry] = await Promise.all([
    import('../assets'),
    import('./submit'),
    import('../jobs/advance'),
    import('../jobs/repository'),
    import('./zip'),
    import('../jobs/retry'),
  ]);
  return { ...assets, ...submit, ...advance, ...repository, ...zip, ...retry };
}

async function drive(jobId: string) {
  const { advanceJob, findJobRow, updateJob } = await modules();
  for (let step = 0; step < 40; step++) {
    const row = await findJobRow(jobId);
    if (!row || row.phase === 'done') return;
    await updateJob(jobId, { nextCheckAt: new Date() });
    await advanceJob(jobId);
  }
  throw new Error('The job did not finish in 40 steps');
}

const creates = () =>
  fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations').map((r) => r.body as Record<string, unknown>);
const uploaded = (url: unknown) => fake.state.files.get(String(url).split('/files/').pop() ?? '')!.bytes;

describe('expand canvas', () => {
  it('sends a padded first image and a mask of the same ratio-shaped size, the original centred, size = the ratio', async () => {
    const { storeReference, submitExpanded } = await modules();
    const added = await storeReference(new File([sample('coffee.png')], 'coffee.png'));
    if (!added.ok) throw new Error(added.error.message);
    const base = added.data;
    const submitted = await submitExpanded(
      {
        idempotencyKey: 'expand-key-16x9',
        prompt: 'Extend the table',
        options: DEFAULT_OPTIONS,
        referenceIds: [base.id],
        targets: [{ ratio: '16:9', placement: { x: 0.5, y: 0.5 } }],
      },
      new Blob([sample('coffee-mask.png')], { type: 'image/png' }),
    );
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(submitted.data.setId).toBeNull();
    const [create] = creates();
    expect(create?.size).toBe('16:9');
    const image = await sharp(uploaded((create?.image_urls as string[])[0])).raw().toBuffer({ resolveWithObject: true });
    const mask = await sharp(uploaded(create?.mask_url)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([mask.info.width, mask.info.height]).toEqual([image.info.width, image.info.height]);
    expect(image.info.width / image.info.height).toBeCloseTo(16 / 9, 2);
    // Centred: the opaque (kept) columns of the mask's middle row start and end equally far from the edges.
    const row = Math.floor(base.height / 4);
    const alpha = (x: number) => mask.data[(row * mask.info.width + x) * 4 + 3];
    const left = [...Array(mask.info.width).keys()].find((x) => alpha(x) === 255)!;
    expect(left).toBe(Math.round((image.info.width - base.width) / 2));
    expect(alpha(left - 1)).toBe(0);

    const job = submitted.data.jobs[0]!;
    await drive(job.id);
    const { getJobView } = await modules();
    const view = await getJobView(job.id);
    expect(view?.status).toBe('completed');
    expect(view?.expansion).toMatchObject({ ratio: '16:9', placement: { x: 0.5, y: 0.5 }, source: { id: base.id } });
    expect(view?.expansion?.paintedMask).not.toBeNull();
  });

  it('makes a four-ratio set: four tasks in one set, a ZIP named by ratio and size, a retry stays in the set', async () => {
    const { storeReference, submitExpanded, buildSetZip, getJobView, updateJob, retryJob } = await modules();
    const added = await storeReference(new File([sample('rocket.jpg')], 'rocket.jpg'));
    if (!added.ok) throw new Error(added.error.message);
    const ratios = ['1:1', '4:5', '9:16', '16:9'] as const;
    const submitted = await submitExpanded(
      {
        idempotencyKey: 'expand-key-social-set',
        prompt: 'Extend the sky',
        options: DEFAULT_OPTIONS,
        referenceIds: [added.data.id],
        targets: ratios.map((ratio) => ({ ratio, placement: { x: 0.5, y: 0.5 } })),
      },
      null,
    );
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { setId, jobs } = submitted.data;
    expect(setId).toMatch(/^set-/);
    expect(creates().map((c) => c.size)).toEqual([...ratios]);
    for (const job of jobs) await drive(job.id);
    for (const job of jobs) expect((await getJobView(job.id))?.expansion?.setId).toBe(setId);

    const files = unzipSync((await buildSetZip(setId!))!);
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(4);
    for (const ratio of ratios) expect(names.some((name) => name.startsWith(`${ratio.replace(':', 'x')}_`))).toBe(true);
    for (const name of names) {
      const meta = await sharp(files[name]!).metadata();
      expect(name).toMatch(new RegExp(`_${meta.width}x${meta.height}\\.png$`));
    }

    // A failed ratio retried alone comes back in the same set.
    await updateJob(jobs[0]!.id, { status: 'failed', errorCode: 'x', errorMessage: 'Failed.' });
    const retried = await retryJob(jobs[0]!.id);
    if (!retried.ok) throw new Error(retried.error.message);
    expect(retried.data.expansion?.setId).toBe(setId);
  });
});
