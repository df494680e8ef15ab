/**
 * The job pipeline through its real parts: PGlite in a temporary DATA_DIR, files in the blob store, and the
 * upstream client talking HTTP to a local server that speaks the ToAPIs contract (with faults on demand).
 */
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeFaults } from '@/lib/testing/fake-toapis/faults';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { addReference, driveJob as drive, sample, setUpPipeline } from '@/lib/testing/pipeline';

const pipeline = setUpPipeline('jobs', { completeAfterPolls: 2 });

// Opening PGlite and migrating takes seconds on a busy machine: not part of the first test's time.
beforeAll(async () => {
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 2 }));

async function modules() {
  const [assets, submit, advance, repository, db, schema] = await Promise.all([
    import('../assets'),
    import('./submit'),
    import('./advance'),
    import('./repository'),
    import('../storage/db'),
    import('../storage/schema'),
  ]);
  return { ...assets, ...submit, ...advance, ...repository, ...db, ...schema };
}

const creates = () =>
  pipeline.fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');

describe('a task through the pipeline', () => {
  it('uploads references and mask, creates once with the documented body, polls, and stores the results', async () => {
    const { submitJob, getJobView, findAsset } = await modules();
    const { blobStore } = await import('../storage/blobs');
    const base = await addReference('coffee.png');
    const second = await addReference('rocket.jpg');
    const mask = new Blob([sample('coffee-mask.png')], { type: 'image/png' });
    const options = {
      ...DEFAULT_OPTIONS,
      size: '3:2' as const,
      n: 2,
      outputFormat: 'jpeg' as const,
      outputCompression: 80,
    };
    const submitted = await submitJob(
      { idempotencyKey: 'idem-key-full-flow', prompt: 'Remove the cup', options, referenceIds: [base.id, second.id] },
      mask,
    );
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;

    const row = await drive(submitted.data.id);
    expect(row?.status).toBe('completed');
    const job = await getJobView(submitted.data.id);
    expect(job?.results).toHaveLength(2);
    for (const result of job!.results) {
      expect(result.asset.url).toMatch(/^\/api\/assets\//);
      const stored = await findAsset(result.asset.id);
      const meta = await sharp(await blobStore().read(stored!.sha256)).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width).toBe(result.asset.width);
    }

    const [create] = creates();
    expect(creates()).toHaveLength(1);
    const body = create!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-image-1.5-official', prompt: 'Remove the cup', size: '3:2', n: 2 });
    expect(body.output_format).toBe('jpeg');
    expect(body.output_compression).toBe(80);
    expect(body.image_urls).toHaveLength(2);
    expect(String((body.image_urls as string[])[0])).toContain(pipeline.fake.url);
    expect(body.mask_url).toEqual(expect.stringContaining(pipeline.fake.url));
    expect(pipeline.fake.state.requests.filter((r) => r.path === '/v1/uploads/images')).toHaveLength(3);
    expect(pipeline.fake.state.requests.every((r) => r.authorized || r.path.startsWith('/files/'))).toBe(true);
  });

  it('sends an EXIF-rotated reference upright, so it matches a mask drawn over the displayed image', async () => {
    const { submitJob } = await modules();
    const portrait = await addReference('portrait-exif-orientation-6.jpg');
    expect([portrait.width, portrait.height]).toEqual([320, 427]);
    const result = await submitJob(
      { idempotencyKey: 'idem-key-exif', prompt: 'Purple sky', options: DEFAULT_OPTIONS, referenceIds: [portrait.id] },
      null,
    );
    expect(result.ok).toBe(true);
    if (result.ok) await drive(result.data.id);
    const uploaded = [...pipeline.fake.state.files.values()].find((file) => file.contentType === 'image/jpeg');
    const meta = await sharp(uploaded!.bytes).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([320, 427, 1]);
  });

  it('makes one task for one idempotency key, however often it is submitted', async () => {
    const { submitJob } = await modules();
    const base = await addReference('coffee.png');
    const input = {
      idempotencyKey: 'idem-key-twice',
      prompt: 'Twice',
      options: DEFAULT_OPTIONS,
      referenceIds: [base.id],
    };
    const [first, second] = await Promise.all([submitJob(input, null), submitJob(input, null)]);
    const third = await submitJob(input, null);
    expect(first.ok && second.ok && third.ok).toBe(true);
    if (!first.ok || !second.ok || !third.ok) return;
    expect(new Set([first.data.id, second.data.id, third.data.id]).size).toBe(1);
    await drive(first.data.id);
    expect(creates()).toHaveLength(1);
  });
});

describe('submission is bounded', () => {
  it('records the job and returns: no upload, decode or create on the submitting request', async () => {
    const { submitJob, findJobRow } = await modules();
    const base = await addReference('coffee.png');
    const before = pipeline.fake.state.requests.length;
    const result = await submitJob(
      { idempotencyKey: 'idem-key-recorded', prompt: 'Later', options: DEFAULT_OPTIONS, referenceIds: [base.id] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.status).toBe('queued');
    expect(await findJobRow(result.data.id)).toMatchObject({ phase: 'upload', attempts: 0 });
    // The work is the runner's, under its concurrency limit: nothing reached upstream from the submit itself.
    expect(pipeline.fake.state.requests.length).toBe(before);
    expect((await drive(result.data.id))?.status).toBe('completed');
  });
});

describe('bad input is refused with the field named, and nothing is stored', () => {
  it('refuses a mask whose size does not match the base', async () => {
    const { submitJob, getDb, assets, jobs } = await modules();
    const base = await addReference('chelsea.png');
    const db = await getDb();
    const before = [(await db.select().from(assets)).length, (await db.select().from(jobs)).length];
    const result = await submitJob(
      { idempotencyKey: 'idem-key-bad-mask', prompt: 'x', options: DEFAULT_OPTIONS, referenceIds: [base.id] },
      new Blob([sample('coffee-mask.png')]),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'mask:size_mismatch', field: 'mask' } });
    if (!result.ok) expect(result.error.message).toContain('600 × 400 but the base image chelsea.png is 451 × 300');
    expect([(await db.select().from(assets)).length, (await db.select().from(jobs)).length]).toEqual(before);
  });

  it('names the prompt when it is empty, and the option when 4k is asked with a ratio that has none', async () => {
    const { submitJob } = await modules();
    const empty = await submitJob(
      { idempotencyKey: 'idem-key-empty', prompt: '   ', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    expect(empty).toMatchObject({ ok: false, error: { code: 'form:invalid', field: 'prompt' } });
    const fourK = await submitJob(
      {
        idempotencyKey: 'idem-key-4k',
        prompt: 'x',
        options: { ...DEFAULT_OPTIONS, size: '1:1', resolution: '4k' },
        referenceIds: [],
      },
      null,
    );
    expect(fourK).toMatchObject({ ok: false, error: { field: 'options.resolution' } });
    if (!fourK.ok) expect(fourK.error.message).toMatch(/^Resolution: 4k is only available for 16:9/);
    expect(creates()).toHaveLength(0);
  });
});

describe('faults', () => {
  it('retries a create refused with 429 (it never reached upstream) and creates exactly one task', async () => {
    const { submitJob, findJobRow, advanceJob } = await modules();
    pipeline.fake.control({ faults: [fakeFaults.rateLimited('create', '1')] });
    const result = await submitJob(
      { idempotencyKey: 'idem-key-429', prompt: 'Busy', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    await advanceJob(result.data.id);
    const waiting = await findJobRow(result.data.id);
    expect(waiting).toMatchObject({ phase: 'upload', attempts: 1 });
    expect(waiting!.nextCheckAt.getTime() - Date.now()).toBeGreaterThan(500);
    expect((await drive(result.data.id))?.status).toBe('completed');
    expect(pipeline.fake.state.tasks.size).toBe(1);
  });

  it('never resubmits a create answered by an HTML 502: the task is marked uncertain, in words', async () => {
    const { submitJob, findJobRow, advanceJob } = await modules();
    pipeline.fake.control({ faults: [fakeFaults.htmlBadGateway('create')] });
    const result = await submitJob(
      { idempotencyKey: 'idem-key-502', prompt: 'Gateway', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    await advanceJob(result.data.id);
    const row = await findJobRow(result.data.id);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'uncertain' });
    expect(row?.errorMessage).toMatch(/may or may not have been created/);
    expect(row?.errorMessage).not.toMatch(/<|html/i);
    expect(creates()).toHaveLength(1);
  });

  it('rides out a burst of 502s while polling', async () => {
    const { submitJob } = await modules();
    pipeline.fake.control({ faults: [{ ...fakeFaults.htmlBadGateway('status'), times: 3 }] });
    const result = await submitJob(
      { idempotencyKey: 'idem-key-poll-502', prompt: 'Patience', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect((await drive(result.data.id))?.status).toBe('completed');
  });

  it('reports a task that failed upstream with its reason', async () => {
    const { submitJob } = await modules();
    pipeline.fake.control({ faults: [fakeFaults.failedWithError()] });
    const result = await submitJob(
      { idempotencyKey: 'idem-key-failed', prompt: 'Nope', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    const row = await drive(result.data.id);
    expect(row?.status).toBe('failed');
    expect(row?.errorMessage).toBeTruthy();
  });

  it('after a restart mid-create, marks the task uncertain instead of submitting it again', async () => {
    const { insertJobOnce, updateJob, advanceJob, findJobRow } = await modules();
    const { row } = await insertJobOnce({
      id: crypto.randomUUID(),
      idempotencyKey: 'idem-key-crash',
      engine: 'toapis',
      prompt: 'Crashed',
      options: DEFAULT_OPTIONS,
      referenceIds: [],
      maskId: null,
    });
    await updateJob(row.id, { phase: 'create' });
    await advanceJob(row.id);
    expect(await findJobRow(row.id)).toMatchObject({ status: 'failed', errorCode: 'uncertain' });
    expect(creates()).toHaveLength(0);
  });
});
