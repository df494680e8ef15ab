/**
 * Following upstream tasks safely (uncertain creates, saved uploads, tasks of unknown state) through the real parts:
 * PGlite in a temporary DATA_DIR, the runner's steps, the upstream client over HTTP against the fake ToAPIs with
 * faults, the webhook receiver, and Retry.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeFaults } from '@/lib/testing/fake-toapis/faults';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { driveJob as drive, sample, setUpPipeline } from '@/lib/testing/pipeline';
import { signWebhook } from '@/lib/toapis/webhook';
import { processSingleton } from '@/lib/process-singleton';

const SECRET = 'whsec-test-0123456789abcdef0123456789abcdef';
const pipeline = setUpPipeline('hardening', { completeAfterPolls: 2, env: { TOAPIS_WEBHOOK_SECRET: SECRET } });

// The runner's client, with timeouts short enough for a hang to be a test of seconds.
beforeAll(async () => {
  const { createToapisClient } = await import('@/lib/toapis/client');
  processSingleton<unknown>('upstream-client', () => undefined).set(
    createToapisClient({
      baseUrl: pipeline.fake.url,
      apiKey: 'test-key',
      model: 'gpt-image-1.5-official',
      timeoutMs: 800,
    }),
  );
  // Opening PGlite and migrating takes seconds on a busy machine: not part of the first test's time.
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 2 }));

async function modules() {
  const [assets, submit, advance, repository, state, retry, webhook] = await Promise.all([
    import('../assets'),
    import('./submit'),
    import('./advance'),
    import('./repository'),
    import('./task-records'),
    import('./retry'),
    import('./webhook'),
  ]);
  return { ...assets, ...submit, ...advance, ...repository, ...state, ...retry, ...webhook };
}

/** Submits, then takes the runner's first step (submission itself only records the job). */
async function submit(key: string, extra: { referenceIds?: string[]; mask?: Blob } = {}) {
  const { submitJob, advanceJob } = await modules();
  const result = await submitJob(
    { idempotencyKey: key, prompt: `Prompt ${key}`, options: DEFAULT_OPTIONS, referenceIds: extra.referenceIds ?? [] },
    extra.mask ?? null,
  );
  if (!result.ok) throw new Error(result.error.message);
  await advanceJob(result.data.id);
  return result.data.id;
}

/** Steps a job as the runner would, without waiting for its schedule. */

const requestsTo = (p: string, method = 'POST') =>
  pipeline.fake.state.requests.filter((r) => r.method === method && r.path === p);
const creates = () => requestsTo('/v1/images/generations');
const statusPolls = () =>
  pipeline.fake.state.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/'));

describe('creates', () => {
  it.each([
    ['429', fakeFaults.rateLimited('create', '2')],
    ['503', fakeFaults.unavailable('create', '2')],
  ])('a %s honours Retry-After, re-uses the uploads, and makes exactly one task', async (_name, fault) => {
    const { findJobRow } = await modules();
    const { storeReference } = await modules();
    const ref = await storeReference(new File([sample('coffee.png')], 'coffee.png'));
    if (!ref.ok) throw new Error(ref.error.message);
    pipeline.fake.control({ faults: [fault] });
    const id = await submit(`create-${_name}`, { referenceIds: [ref.data.id] });
    const waiting = await findJobRow(id);
    expect(waiting).toMatchObject({ phase: 'upload', attempts: 1 });
    expect(waiting!.nextCheckAt.getTime() - Date.now()).toBeGreaterThan(1500);
    expect((await drive(id))?.status).toBe('completed');
    expect(pipeline.fake.state.tasks.size).toBe(1);
    // The reference was uploaded once: the second create used the URL recorded after the first upload.
    expect(requestsTo('/v1/uploads/images')).toHaveLength(1);
  });

  it('a create that hangs past the timeout is uncertain, shown so, and never sent twice', async () => {
    const { findJobRow, getJobView } = await modules();
    pipeline.fake.control({ faults: [fakeFaults.hang('create', 3000)] });
    const id = await submit('create-hang');
    expect(await findJobRow(id)).toMatchObject({ phase: 'done', status: 'failed', errorCode: 'uncertain' });
    const view = await getJobView(id);
    expect(view?.status).toBe('uncertain');
    expect(view?.error?.message).toMatch(/may or may not have been created.*Retry/);
    await drive(id);
    expect(creates()).toHaveLength(1);
  });

  it('a restart after the uploads resumes with the recorded URLs (nothing uploaded twice)', async () => {
    const { storeReference, findUpstreamState, findJobRow } = await modules();
    const ref = await storeReference(new File([sample('rocket.jpg')], 'rocket.jpg'));
    if (!ref.ok) throw new Error(ref.error.message);
    // The create is refused before reaching upstream, so the job rests in `upload` with its uploads recorded: what a
    // process that stopped right after the uploads leaves behind. The next step (any process) goes on from there.
    pipeline.fake.control({ faults: [fakeFaults.rateLimited('create', '0')] });
    const id = await submit('restart-after-upload', { referenceIds: [ref.data.id] });
    const saved = await findUpstreamState(id);
    expect(saved?.imageUrls).toHaveLength(1);
    expect((await findJobRow(id))?.phase).toBe('upload');
    expect((await drive(id))?.status).toBe('completed');
    expect((creates()[1]!.body as { image_urls: string[] }).image_urls).toEqual(saved?.imageUrls);
    expect(requestsTo('/v1/uploads/images')).toHaveLength(1);
  });
});

describe('polling', () => {
  it('rides out a burst of timeouts while polling, and resumes after a restart mid-polling', async () => {
    const { findJobRow, findUpstreamState } = await modules();
    pipeline.fake.control({ faults: [{ ...fakeFaults.hang('status', 3000), times: 2 }] });
    const id = await submit('poll-timeouts');
    await drive(id, 2);
    const row = await findJobRow(id);
    expect(row).toMatchObject({ phase: 'poll', status: 'queued' });
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    expect((await findUpstreamState(id))?.lastUnknown).toBe('no answer in time');
    // Everything needed is in the row: a fresh step (a new process) carries on.
    expect((await drive(id))?.status).toBe('completed');
    expect((await findUpstreamState(id))?.unknownSince).toBeNull();
  });

  it('a task whose status stays unknown past the limit is failed with a reason', async () => {
    const { findJobRow, updateJob, advanceJob } = await modules();
    const { getDb } = await import('../storage/db');
    const { upstreamTasks } = await import('../storage/schema');
    const { eq } = await import('drizzle-orm');
    pipeline.fake.control({ hold: true, faults: [{ ...fakeFaults.unknownStatusWord('thinking'), times: 50 }] });
    const id = await submit('poll-unknown');
    await drive(id, 3);
    expect((await findJobRow(id))?.phase).toBe('poll');
    // Eleven minutes of nothing but an unknown word:
    const db = await getDb();
    await db
      .update(upstreamTasks)
      .set({ unknownSince: new Date(Date.now() - 11 * 60_000) })
      .where(eq(upstreamTasks.jobId, id));
    await updateJob(id, { nextCheckAt: new Date() });
    await advanceJob(id);
    const row = await findJobRow(id);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'stuck' });
    expect(row?.errorMessage).toMatch(/^Lost track of this task: for 11 minutes .*status "thinking"/);
  });

  it('completed without a URL fails with a reason', async () => {
    pipeline.fake.control({ faults: [fakeFaults.completedWithoutUrl()] });
    const row = await drive(await submit('completed-no-url'));
    expect(row).toMatchObject({ status: 'failed', errorCode: 'no_result' });
  });
});

describe('result downloads', () => {
  it('a result URL that 404s is retried until it downloads', async () => {
    pipeline.fake.control({ faults: [{ ...fakeFaults.resultNotFound(), times: 2 }] });
    const id = await submit('download-404-twice');
    const { getJobView } = await modules();
    expect((await drive(id))?.status).toBe('completed');
    expect((await getJobView(id))?.results).toHaveLength(1);
  });

  it('a restart mid-download keeps the results already stored and fetches only the rest', async () => {
    const { findJobRow, getJobView, submitJob } = await modules();
    pipeline.fake.control({ faults: [{ on: 'download', delayMs: 3000 }] });
    const result = await submitJob(
      {
        idempotencyKey: 'download-restart',
        prompt: 'Two of them',
        options: { ...DEFAULT_OPTIONS, n: 2 },
        referenceIds: [],
      },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    // First download hangs past the timeout: the job waits in `download`.
    for (let i = 0; i < 6 && (await findJobRow(result.data.id))?.phase !== 'download'; i++)
      await drive(result.data.id, 1);
    const row = await findJobRow(result.data.id);
    expect(row).toMatchObject({ phase: 'download', status: 'in_progress' });
    expect((await drive(result.data.id))?.status).toBe('completed');
    expect((await getJobView(result.data.id))?.results).toHaveLength(2);
    const downloads = pipeline.fake.state.requests.filter((r) => r.path.startsWith('/files/')).map((r) => r.path);
    expect(downloads.filter((p) => p.endsWith('_0.png'))).toHaveLength(2); // the hung one, then again
    expect(downloads.filter((p) => p.endsWith('_1.png'))).toHaveLength(1);
  });

  it('a result that never downloads fails after the retries, saying the image was made', async () => {
    pipeline.fake.control({ faults: [{ ...fakeFaults.resultNotFound(), times: 100 }] });
    const row = await drive(await submit('download-404-always'));
    expect(row).toMatchObject({ status: 'failed', errorCode: 'download_failed' });
    expect(row?.errorMessage).toMatch(/made but could not be downloaded after 8 attempts/);
  });
});

describe('webhooks', () => {
  function delivery(
    body: object,
    { id = `evt_${crypto.randomUUID()}`, at = Math.floor(Date.now() / 1000), secret = SECRET } = {},
  ) {
    const raw = JSON.stringify(body);
    const headers = new Headers({
      'X-ToAPIs-Webhook-Id': id,
      'X-ToAPIs-Webhook-Timestamp': String(at),
      'X-ToAPIs-Webhook-Signature': `v1=${'0'.repeat(64)},${signWebhook(secret, id, String(at), raw)}`,
    });
    return { headers, raw, id };
  }

  async function runningTask(key: string) {
    const { findJobRow } = await modules();
    pipeline.fake.control({ hold: true });
    const id = await submit(key);
    const row = await findJobRow(id);
    expect(row?.phase).toBe('poll');
    return row!;
  }

  it('a signed completion moves the job on without a poll; a replay, a bad signature and a stale one get 401', async () => {
    const { receiveWebhook, findJobRow, advanceJob } = await modules();
    const job = await runningTask('webhook-ok');
    const polls = statusPolls().length;
    const resultUrl = `${pipeline.fake.url}/files/from-webhook.png`;
    pipeline.fake.state.files.set('from-webhook.png', {
      bytes: new Uint8Array(sample('coffee.png')),
      contentType: 'image/png',
    });
    const event = {
      id: 'evt_1',
      type: 'generation.completed',
      api_version: 'v1',
      data: {
        task_id: job.upstreamId,
        task_type: 'image',
        status: 'SUCCESS',
        progress: '100%',
        result: { type: 'image', data: [{ url: resultUrl }] },
        error: null,
      },
    };
    const good = delivery(event);
    expect((await receiveWebhook(good.headers, good.raw)).status).toBe(200);
    await advanceJob(job.id); // what the runner (already kicked by the receiver) does
    expect(await findJobRow(job.id)).toMatchObject({ phase: 'done', status: 'completed' });
    expect(statusPolls()).toHaveLength(polls);

    expect((await receiveWebhook(good.headers, good.raw)).status).toBe(401); // replay
    const forged = delivery(event, { secret: 'not-the-secret' });
    expect((await receiveWebhook(forged.headers, forged.raw)).status).toBe(401);
    const stale = delivery(event, { at: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect((await receiveWebhook(stale.headers, stale.raw)).status).toBe(401);
    const tampered = delivery(event);
    expect((await receiveWebhook(tampered.headers, tampered.raw.replace('SUCCESS', 'FAILURE'))).status).toBe(401);
  });

  it('a signed failure fails the job with its reason', async () => {
    const { receiveWebhook, findJobRow } = await modules();
    const job = await runningTask('webhook-failed');
    const event = delivery({
      type: 'generation.failed',
      data: {
        task_id: job.upstreamId,
        status: 'FAILURE',
        result: null,
        error: { code: 'generation_failed', message: 'Content policy violation' },
      },
    });
    expect((await receiveWebhook(event.headers, event.raw)).status).toBe(200);
    expect(await findJobRow(job.id)).toMatchObject({ status: 'failed', errorMessage: 'Content policy violation' });
  });
});

describe('budgets', () => {
  it('every task draws status queries from one shared budget, and a 429 Retry-After holds them all', async () => {
    const { createToapisClient } = await import('@/lib/toapis/client');
    const { createTokenBucket } = await import('@/lib/toapis/budget');
    const status = createTokenBucket({ perMinute: 600, burst: 1 });
    const client = createToapisClient({
      baseUrl: pipeline.fake.url,
      apiKey: 'test-key',
      model: 'm',
      budgets: { status },
    });
    pipeline.fake.control({ hold: true });
    const task = await client.createGeneration({
      prompt: 'x',
      size: '1:1',
      resolution: '1k',
      quality: 'low',
      n: 1,
      outputFormat: 'png',
    });
    let started = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => client.getGeneration(task.id)));
    // One at once, three more at 10/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    pipeline.fake.control({ faults: [fakeFaults.rateLimited('status', '1')] });
    await expect(client.getGeneration(task.id)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    started = Date.now();
    await client.getGeneration(task.id); // another task's poll waits out the Retry-After
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('Retry', () => {
  it('resubmits the same inputs as one new task, however often it is pressed', async () => {
    const { storeReference, retryJob, getJobView, findJobRow } = await modules();
    const base = await storeReference(new File([sample('coffee.png')], 'coffee.png'));
    const second = await storeReference(new File([sample('rocket.jpg')], 'rocket.jpg'));
    if (!base.ok || !second.ok) throw new Error('references');
    pipeline.fake.control({ faults: [fakeFaults.htmlBadGateway('create')] });
    const mask = new Blob([sample('coffee-mask.png')], { type: 'image/png' });
    const id = await submit('retry-original', { referenceIds: [base.data.id, second.data.id], mask });
    expect((await getJobView(id))?.status).toBe('uncertain');

    const [a, b] = await Promise.all([retryJob(id), retryJob(id)]);
    if (!a.ok || !b.ok) throw new Error('retry refused');
    expect(a.data.id).toBe(b.data.id);
    expect(a.data.id).not.toBe(id);
    expect((await drive(a.data.id))?.status).toBe('completed');
    const original = (await findJobRow(id))!;
    const retried = (await findJobRow(a.data.id))!;
    expect(retried).toMatchObject({
      prompt: original.prompt,
      options: original.options,
      referenceIds: [base.data.id, second.data.id],
      maskId: original.maskId,
    });
    expect(retried.idempotencyKey).not.toBe(original.idempotencyKey);
    const bodies = creates().map((r) => r.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({ prompt: bodies[0]!.prompt, size: bodies[0]!.size, n: bodies[0]!.n });
    expect(bodies[1]!.image_urls).toHaveLength(2);
    expect(bodies[1]!.mask_url).toEqual(expect.any(String));

    expect(await retryJob(a.data.id)).toMatchObject({ ok: false, error: { code: 'job:not_retryable' } });
    expect(await retryJob('no-such-job')).toMatchObject({ ok: false, error: { code: 'job:not_found' } });
  });
});
