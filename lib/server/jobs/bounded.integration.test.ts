/**
 * Tasks never hang: the deadline, Cancel (also against a step in flight), and a result on a host that is not
 * allowed, through the real parts (PGlite, the runner's steps, the client over HTTP to the fake ToAPIs).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { driveJob as drive, setUpPipeline } from '@/lib/testing/pipeline';
import { processSingleton } from '@/lib/process-singleton';

const pipeline = setUpPipeline('bounded', { completeAfterPolls: 2, env: { TASK_DEADLINE_MINUTES: '30' } });

beforeAll(async () => {
  const { createToapisClient } = await import('@/lib/toapis/client');
  processSingleton<unknown>('upstream-client', () => undefined).set(
    createToapisClient({
      baseUrl: pipeline.fake.url,
      apiKey: 'test-key',
      model: 'gpt-image-1.5-official',
      timeoutMs: 2000,
    }),
  );
  // Opening PGlite and migrating takes seconds on a busy machine: not part of any test's time.
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 2 }));

async function modules() {
  const [submit, advance, repository, cancel, leases] = await Promise.all([
    import('./submit'),
    import('./advance'),
    import('./repository'),
    import('./cancel'),
    import('./leases'),
  ]);
  return { ...submit, ...advance, ...repository, ...cancel, ...leases };
}

/** A submitted task the fake keeps answering `queued` about, one step in (it has an upstream id). */
async function runningTask(key: string) {
  const { submitJob, advanceJob, findJobRow } = await modules();
  pipeline.fake.control({ hold: true });
  const result = await submitJob(
    { idempotencyKey: `bounded-${key}`, prompt: key, options: DEFAULT_OPTIONS, referenceIds: [] },
    null,
  );
  if (!result.ok) throw new Error(result.error.message);
  await advanceJob(result.data.id);
  const row = await findJobRow(result.data.id);
  expect(row?.phase).toBe('poll');
  return row!;
}

describe('the deadline', () => {
  it('a task upstream keeps calling queued ends Failed past the deadline, with Retry, and is no longer polled', async () => {
    const { updateJob, getJobView } = await modules();
    const job = await runningTask('deadline');
    expect((await drive(job.id, 3))?.phase).toBe('poll'); // still queued upstream, still followed
    await updateJob(job.id, { createdAt: new Date(Date.now() - 31 * 60_000) });
    const polls = pipeline.fake.state.requests.length;
    const row = await drive(job.id, 3);
    expect(row).toMatchObject({ phase: 'done', status: 'failed', errorCode: 'deadline' });
    expect(row?.errorMessage).toMatch(/^Stopped following it after 30 minutes.*Retry/);
    expect(pipeline.fake.state.requests.length).toBe(polls);
    expect((await getJobView(job.id))?.status).toBe('failed'); // retryable
  });
});

describe('Cancel', () => {
  it('stops following an unfinished task and says the upstream may still bill it; a final task is refused', async () => {
    const { cancelJob, findJobRow } = await modules();
    const job = await runningTask('cancel');
    const result = await cancelJob(job.id);
    expect(result).toMatchObject({ ok: true, data: { status: 'failed', error: { code: 'cancelled' } } });
    if (result.ok) expect(result.data.error?.message).toMatch(/may still finish the task and bill it/);
    const polls = pipeline.fake.state.requests.length;
    expect((await drive(job.id))?.status).toBe('failed');
    expect(pipeline.fake.state.requests.length).toBe(polls);
    expect(await cancelJob(job.id)).toMatchObject({ ok: false, error: { code: 'job:not_cancellable' } });
    expect(await cancelJob('no-such-job')).toMatchObject({ ok: false, error: { code: 'job:not_found' } });
    expect((await findJobRow(job.id))?.errorCode).toBe('cancelled');
  });

  it('a step in flight on another instance (holding the lease) cannot bring a cancelled task back', async () => {
    const { cancelJob, advanceJob, findJobRow, claimLease, updateJob } = await modules();
    const job = await runningTask('cancel-in-flight');
    // Another instance holds the job and is mid-poll: the status answer arrives after the cancel, saying completed.
    expect(await claimLease(job.id, 30_000)).toBe(true);
    pipeline.fake.control({ release: true, faults: [{ on: 'status', delayMs: 500 }] });
    await updateJob(job.id, { nextCheckAt: new Date() });
    const step = advanceJob(job.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await cancelJob(job.id)).ok).toBe(true);
    await step;
    expect(await findJobRow(job.id)).toMatchObject({ phase: 'done', status: 'failed', errorCode: 'cancelled' });
  });
});

describe('result hosts', () => {
  it('a result on a host not in TOAPIS_FILE_HOSTS fails at once, naming the host, in one log line', async () => {
    const { submitJob, findJobRow } = await modules();
    pipeline.fake.control({
      faults: [
        {
          on: 'status',
          status: 200,
          contentType: 'application/json',
          body: {
            id: '{{id}}',
            object: 'generation.task',
            status: 'completed',
            progress: 100,
            result: { type: 'image', data: [{ url: 'https://cdn.elsewhere.example/r/1.png' }] },
          },
        },
      ],
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = await submitJob(
      { idempotencyKey: 'bounded-host', prompt: 'Moved CDN', options: DEFAULT_OPTIONS, referenceIds: [] },
      null,
    );
    if (!result.ok) throw new Error(result.error.message);
    const row = await drive(result.data.id, 10);
    const lines = warn.mock.calls
      .map((call) => call.join(' '))
      .filter((line) => line.includes('cdn.elsewhere.example'));
    warn.mockRestore();
    expect(row).toMatchObject({ phase: 'done', status: 'failed', errorCode: 'download_failed', attempts: 0 });
    expect(row?.errorMessage).toMatch(/cdn\.elsewhere\.example.*TOAPIS_FILE_HOSTS/);
    expect(lines).toHaveLength(1);
    expect((await findJobRow(result.data.id))?.upstreamResultUrls).toEqual(['https://cdn.elsewhere.example/r/1.png']);
  });
});
