/**
 * Expand and ratio sets through the real pipeline: PGlite in a temporary DATA_DIR, the blob store, and the
 * upstream client over HTTP to the local server speaking the ToAPIs contract.
 */
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { driveJob as drive, sample, setUpPipeline } from '@/lib/testing/pipeline';

const pipeline = setUpPipeline('expand', { completeAfterPolls: 1 });

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 1 }));

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

const creates = () =>
  pipeline.fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations').map((r) => r.body as Record<string, unknown>);
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
