/**
 * Expand and ratio sets through the real pipeline: PGlite in a temporary DATA_DIR, the blob store, and the
 * upstream client over HTTP to the local server speaking the ToAPIs contract.
 */
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestBudget } from '@/lib/toapis/budget';
import { DEFAULT_BUDGETS } from '@/lib/toapis/budget';
import { DEFAULT_OPTIONS, type FixedRatio } from '@/lib/jobs/options';
import { driveJob as drive, sample, setUpPipeline } from '@/lib/testing/pipeline';
import { processSingleton } from '@/lib/process-singleton';

const pipeline = setUpPipeline('expand', { completeAfterPolls: 1 });

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 1 }));

// Opening PGlite and migrating takes seconds on a busy machine: not part of the first test's time.
beforeAll(async () => {
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

/** A set's ZIP, read to the end from its stream. */
async function zipBytes(setId: string): Promise<Uint8Array> {
  const { openSetZip } = await import('./zip');
  const opened = await openSetZip(setId);
  if (!opened.ok) throw new Error(opened.error.message);
  return new Uint8Array(await new Response(opened.data.stream()).arrayBuffer());
}

async function modules() {
  const [assets, submit, jobSubmit, advance, repository, zip, retry, gallery] = await Promise.all([
    import('../assets'),
    import('./submit'),
    import('../jobs/submit'),
    import('../jobs/advance'),
    import('../jobs/repository'),
    import('./zip'),
    import('../jobs/retry'),
    import('../gallery/list'),
  ]);
  return { ...assets, ...submit, ...jobSubmit, ...advance, ...repository, ...zip, ...retry, ...gallery };
}

/** A request budget that lets a request through only for each token the test grants. */
function gatedBudget() {
  const waiting: (() => void)[] = [];
  let tokens = 0;
  let takes = 0;
  const budget: RequestBudget = {
    take() {
      takes++;
      if (tokens > 0) {
        tokens--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    pause() {},
  };
  return {
    budget,
    grant() {
      const next = waiting.shift();
      if (next) next();
      else tokens++;
    },
    get waiting() {
      return waiting.length;
    },
    get takes() {
      return takes;
    },
  };
}

async function addBase(name: string) {
  const { storeReference } = await modules();
  const added = await storeReference(new File([sample(name)], name));
  if (!added.ok) throw new Error(added.error.message);
  return added.data;
}

/** Submits a set of these ratios, centred, and drives every task to the end. */
async function completedSet(key: string, ratios: readonly FixedRatio[]) {
  const { submitExpanded } = await modules();
  const base = await addBase('rocket.jpg');
  const submitted = await submitExpanded(
    {
      idempotencyKey: key,
      prompt: 'Extend the sky',
      options: DEFAULT_OPTIONS,
      referenceIds: [base.id],
      targets: ratios.map((ratio) => ({ ratio, placement: { x: 0.5, y: 0.5 } })),
    },
    null,
  );
  if (!submitted.ok) throw new Error(submitted.error.message);
  for (const job of submitted.data.jobs) await drive(job.id);
  return { setId: submitted.data.setId!, jobs: submitted.data.jobs };
}

const creates = () =>
  pipeline.fake.state.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/images/generations')
    .map((r) => r.body as Record<string, unknown>);
const uploaded = (url: unknown) => pipeline.fake.state.files.get(String(url).split('/files/').pop() ?? '')!.bytes;

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
    await drive(submitted.data.jobs[0]!.id, 1); // the runner's first step: uploads and create
    const [create] = creates();
    expect(create?.size).toBe('16:9');
    const image = await sharp(uploaded((create?.image_urls as string[])[0]))
      .raw()
      .toBuffer({ resolveWithObject: true });
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
    const { storeReference, submitExpanded, getJobView, updateJob, retryJob } = await modules();
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
    for (const job of jobs) await drive(job.id);
    expect(creates().map((c) => c.size)).toEqual([...ratios]);
    for (const job of jobs) expect((await getJobView(job.id))?.expansion?.setId).toBe(setId);

    const files = unzipSync(await zipBytes(setId!));
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

  it('sends an edge-dragged, off-centre frame exactly: image and mask of its size, the original at its offset', async () => {
    const { submitExpanded, getJobView } = await modules();
    const base = await addBase('coffee.png');
    const frame = { ratio: '2:1' as const, canvas: { width: 800, height: 400 }, offset: { x: 150, y: 0 } };
    const submitted = await submitExpanded(
      {
        idempotencyKey: 'expand-key-dragged',
        prompt: 'Extend the table',
        options: DEFAULT_OPTIONS,
        referenceIds: [base.id],
        targets: [frame],
      },
      new Blob([sample('coffee-mask.png')], { type: 'image/png' }),
    );
    if (!submitted.ok) throw new Error(submitted.error.message);
    await drive(submitted.data.jobs[0]!.id, 1);
    const [create] = creates();
    expect(create?.size).toBe('2:1');
    const image = await sharp(uploaded((create?.image_urls as string[])[0]))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const mask = await sharp(uploaded(create?.mask_url)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([image.info.width, image.info.height, mask.info.width, mask.info.height]).toEqual([800, 400, 800, 400]);
    const original = await sharp(sample('coffee.png')).removeAlpha().raw().toBuffer();
    for (const [x, y] of [
      [0, 0],
      [599, 399],
      [300, 200],
    ] as const) {
      const at = (y * 800 + x + 150) * 3;
      expect([...image.data.subarray(at, at + 3)]).toEqual([
        ...original.subarray((y * 600 + x) * 3, (y * 600 + x) * 3 + 3),
      ]);
    }
    const alpha = (x: number) => mask.data[(10 * 800 + x) * 4 + 3];
    expect([alpha(0), alpha(149), alpha(150), alpha(749), alpha(750), alpha(799)]).toEqual([0, 0, 255, 255, 0, 0]);

    // Edit again reads back the frame as it was set, not only the ratio.
    const view = await getJobView(submitted.data.jobs[0]!.id);
    expect(view?.expansion?.frame).toEqual(frame);
    expect(view?.expansion?.placement).toEqual({ x: 0.75, y: 0.5 });
  });

  it('refuses a frame that is not its ratio or does not hold the original, before anything is sent', async () => {
    const { submitExpanded } = await modules();
    const base = await addBase('coffee.png');
    const submit = (canvas: { width: number; height: number }, offset: { x: number; y: number }) =>
      submitExpanded(
        {
          idempotencyKey: `expand-key-bad-${canvas.width}-${offset.x}`,
          prompt: 'x',
          options: DEFAULT_OPTIONS,
          referenceIds: [base.id],
          targets: [{ ratio: '2:1', canvas, offset }],
        },
        null,
      );
    const wrongShape = await submit({ width: 820, height: 400 }, { x: 0, y: 0 });
    expect(wrongShape.ok === false && wrongShape.error).toMatchObject({
      code: 'expand:invalid_frame',
      field: 'expand',
    });
    expect(wrongShape.ok === false && wrongShape.error.message).toMatch(/820 × 400 is not 2:1/);
    const outside = await submit({ width: 800, height: 400 }, { x: 201, y: 0 });
    expect(outside.ok === false && outside.error.message).toMatch(/does not hold the whole original/);
    expect(creates()).toHaveLength(0);
  });

  it('draws a set’s creates from the same budget as every task: one create per token, never past it', async () => {
    const { submitJob, submitExpanded, advanceJob } = await modules();
    // The app's budget can never let 300 creates through in a minute (ToAPIs' limit): the burst plus a minute's refill.
    expect(DEFAULT_BUDGETS.create.burst + DEFAULT_BUDGETS.create.perMinute).toBeLessThan(300);
    // The upstream client with a create budget the test hands out token by token.
    const gate = gatedBudget();
    const { createToapisClient } = await import('@/lib/toapis/client');
    const upstream = processSingleton<unknown>('upstream-client', () => undefined);
    const previous = upstream.take();
    upstream.set(
      createToapisClient({
        baseUrl: pipeline.fake.url,
        apiKey: 'test-key',
        model: 'm',
        budgets: { create: gate.budget },
      }),
    );
    try {
      const base = await addBase('rocket.jpg');
      const ratios = ['1:1', '4:5', '9:16', '16:9'] as const;
      const plain = await submitJob(
        { idempotencyKey: 'budget-plain', prompt: 'Plain task', options: DEFAULT_OPTIONS, referenceIds: [] },
        null,
      );
      const set = await submitExpanded(
        {
          idempotencyKey: 'budget-set',
          prompt: 'Extend the sky',
          options: DEFAULT_OPTIONS,
          referenceIds: [base.id],
          targets: ratios.map((ratio) => ({ ratio, placement: { x: 0.5, y: 0.5 } })),
        },
        null,
      );
      if (!plain.ok || !set.ok) throw new Error('submit refused');
      // Every task's first step at once (more than the runner would run together): all wait at the one budget, and
      // nothing reaches upstream without a token.
      const steps = [plain.data, ...set.data.jobs].map((job) => advanceJob(job.id));
      await vi.waitFor(() => expect(gate.waiting).toBe(1 + ratios.length), { timeout: 10_000 });
      expect(creates()).toHaveLength(0);
      for (let granted = 1; granted <= 1 + ratios.length; granted++) {
        gate.grant();
        await vi.waitFor(() => expect(creates()).toHaveLength(granted), { timeout: 10_000 });
        // The rest of the set is waiting for the next token, not sent.
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(creates()).toHaveLength(granted);
      }
      await Promise.all(steps);
      // N ratios were N tasks, each one create, each one token.
      expect(
        creates()
          .map((c) => c.size)
          .sort(),
      ).toEqual([...ratios, DEFAULT_OPTIONS.size].sort());
      expect(gate.takes).toBe(1 + ratios.length);
    } finally {
      if (previous === undefined) upstream.take();
      else upstream.set(previous);
    }
  });

  it('a set’s ZIP streams: the first bytes come before the second result is read, and the whole is a valid ZIP', async () => {
    const { openSetZip, findAssets, getJobView } = await modules();
    const { blobStore } = await import('../storage/blobs');
    const { setId, jobs } = await completedSet('expand-key-zip-stream', ['1:1', '16:9', '9:16']);
    const store = blobStore();
    const opened = await openSetZip(setId);
    if (!opened.ok) throw new Error(opened.error.message);
    const streamed = vi.spyOn(store, 'stream');
    let ended = 0;
    const reader = opened.data.stream(() => ended++).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.byteLength).toBeGreaterThan(0);
    // Only the first result is open: nothing was read ahead, so memory is a chunk, not the set.
    expect(streamed).toHaveBeenCalledTimes(1);
    const chunks = [first.value!];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(streamed).toHaveBeenCalledTimes(3);
    expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThanOrEqual(256 * 1024);
    expect(ended).toBe(1);
    streamed.mockRestore();

    const files = unzipSync(Buffer.concat(chunks));
    expect(Object.keys(files)).toHaveLength(3);
    for (const job of jobs) {
      const view = await getJobView(job.id);
      const [asset] = await findAssets([view!.results[0]!.asset.id]);
      const name = `${job.options.size.replace(':', 'x')}_${asset!.width}x${asset!.height}.png`;
      expect(Buffer.from(files[name]!).equals(await store.read(asset!.sha256))).toBe(true);
    }

    // A client that leaves mid-download: the stream is cancelled, its slot given back, the blob reader closed.
    const again = await openSetZip(setId);
    if (!again.ok) throw new Error(again.error.message);
    let released = 0;
    const partial = again.data.stream(() => released++).getReader();
    await partial.read();
    await partial.cancel();
    expect(released).toBe(1);
  });

  it('a set’s ZIP leaves deleted results out, and says so instead of sending an empty archive', async () => {
    const { openSetZip, deleteResult, getJobView } = await modules();
    const { setId, jobs } = await completedSet('expand-key-zip-delete', ['1:1', '9:16']);
    expect(Object.keys(unzipSync(await zipBytes(setId))).length).toBe(2);

    await deleteResult(jobs[1]!.id, 0);
    const names = Object.keys(unzipSync(await zipBytes(setId)));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^1x1_\d+x\d+\.png$/);
    expect((await getJobView(jobs[1]!.id))?.status).toBe('completed');

    await deleteResult(jobs[0]!.id, 0);
    const empty = await openSetZip(setId);
    expect(empty.ok === false && empty.error.code).toBe('set:empty');
    expect(empty.ok === false && empty.error.message).toMatch(/no results to download/);
    const unknown = await openSetZip(`set-${'0'.repeat(32)}`);
    expect(unknown.ok === false && unknown.error.code).toBe('set:not_found');
  });
});
