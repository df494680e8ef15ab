/**
 * Keep unmasked pixels through the real path: the job runner follows a task on the contract server in drift mode
 * (its edit hue-turns, brightens and moves every pixel, and paints the mask magenta), mirrors the result, and the
 * restored image is what the gallery holds; the model's own output stays as "As generated".
 */
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { DRIFT_PAINT } from '@/lib/testing/fake-toapis/images';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { addReference, sample, setUpPipeline } from '@/lib/testing/pipeline';

const pipeline = setUpPipeline('restore', { completeAfterPolls: 1 });

beforeEach(() => pipeline.fake.control({ reset: true, completeAfterPolls: 1, drift: true }));

/** Steps the task through the runner's own entry (lease, then one step), without waiting for its poll schedule. */
async function runUntilDone(jobId: string) {
  const { advanceNow } = await import('../jobs/runner');
  const { findJobRow, updateJob } = await import('../jobs/repository');
  for (let step = 0; step < 40; step++) {
    const row = await findJobRow(jobId);
    if (row?.phase === 'done') return row;
    await updateJob(jobId, { nextCheckAt: new Date() });
    await advanceNow(jobId);
  }
  throw new Error('the runner did not finish the task in 40 steps');
}

async function rawOf(bytes: Uint8Array | Buffer, size?: { width: number; height: number }) {
  let image = sharp(bytes).rotate();
  if (size) image = image.resize({ ...size, fit: 'cover', kernel: 'lanczos3' });
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('restoring a drifted result', () => {
  async function submitCoffee(key: string, options = DEFAULT_OPTIONS) {
    const { submitJob } = await import('../jobs/submit');
    const base = await addReference('coffee.png');
    const mask = new Blob([sample('coffee-mask.png')], { type: 'image/png' });
    const submitted = await submitJob(
      { idempotencyKey: key, prompt: 'A red cup', options, referenceIds: [base.id] },
      mask,
    );
    if (!submitted.ok) throw new Error(submitted.error.message);
    return submitted.data.id;
  }

  it(
    'shows the base outside the mask and the model inside, keeps the drifted original, and states the drift',
    { timeout: 120_000 },
    async () => {
      const { getJobView } = await import('../jobs/repository');
      const { findAsset } = await import('../assets');
      const { blobStore } = await import('../storage/blobs');
      const jobId = await submitCoffee('restore-drift-1');
      expect((await runUntilDone(jobId)).status).toBe('completed');

      const [result] = (await getJobView(jobId))!.results;
      expect(result!.restore).toMatchObject({ state: 'restored' });
      expect(result!.restore!.changedShare!).toBeGreaterThan(0.3);
      expect(result!.generatedAssetId).toBeTruthy();
      expect(result!.generatedAssetId).not.toBe(result!.asset.id);

      const store = blobStore();
      const shown = await rawOf(await store.read((await findAsset(result!.asset.id))!.sha256));
      const generated = await rawOf(await store.read((await findAsset(result!.generatedAssetId!))!.sha256));
      const size = { width: shown.width, height: shown.height };
      expect([generated.width, generated.height]).toEqual([shown.width, shown.height]);
      const base = await rawOf(sample('coffee.png'), size);
      const keep = await sharp(sample('coffee-mask.png'))
        .ensureAlpha()
        .extractChannel(3)
        .resize({ ...size, fit: 'fill' })
        .raw()
        .toBuffer();

      let keptFar = 0;
      let keptDiff = 0;
      let driftDiff = 0;
      let inside = 0;
      let insidePainted = 0;
      const band = 12;
      for (let y = band; y < size.height - band; y++) {
        for (let x = band; x < size.width - band; x++) {
          const i = y * size.width + x;
          // Fully kept with a margin around: the feather band and the model's 3 px move stay out of the count.
          let clear = true;
          for (let d = -band; d <= band && clear; d += 3) {
            if (keep[i + d]! < 255 || keep[i + d * size.width]! < 255) clear = false;
          }
          const p = i * 3;
          if (clear && keep[i] === 255) {
            keptFar++;
            for (let k = 0; k < 3; k++) {
              keptDiff += Math.abs(shown.data[p + k]! - base.data[p + k]!);
              driftDiff += Math.abs(generated.data[p + k]! - base.data[p + k]!);
            }
          } else if (keep[i] === 0 && keep[i - band]! === 0 && keep[i + band]! === 0) {
            inside++;
            const [r, g, b] = [shown.data[p]!, shown.data[p + 1]!, shown.data[p + 2]!];
            // The model's magenta, give or take the colour correction: far more red and blue than green.
            if (r - g > 100 && b - g > 100 && DRIFT_PAINT.g === 0) insidePainted++;
          }
        }
      }
      expect(keptFar).toBeGreaterThan(10_000);
      expect(inside).toBeGreaterThan(100);
      // Outside the mask: the base (resampled once as the model framed it, cropped to its ratio), not the drifted frame.
      expect(keptDiff / (3 * keptFar)).toBeLessThan(1);
      expect(driftDiff / (3 * keptFar)).toBeGreaterThan(8);
      expect(insidePainted / inside).toBeGreaterThan(0.95);
    },
  );

  it('keeps the result as generated, with the reason, when the ratio differs from the base', async () => {
    const { getJobView } = await import('../jobs/repository');
    const jobId = await submitCoffee('restore-ratio-1', { ...DEFAULT_OPTIONS, size: '1:1' });
    await runUntilDone(jobId);
    const [result] = (await getJobView(jobId))!.results;
    expect(result!.restore).toMatchObject({ state: 'as_generated' });
    expect(result!.restore!.reason).toMatch(/can't be restored at another ratio/);
    expect(result!.generatedAssetId).toBe(result!.asset.id);
  });

  it('only measures the drift when Keep unmasked pixels is off', async () => {
    const { getJobView } = await import('../jobs/repository');
    const jobId = await submitCoffee('restore-off-1', { ...DEFAULT_OPTIONS, keepUnmasked: false });
    await runUntilDone(jobId);
    const [result] = (await getJobView(jobId))!.results;
    expect(result!.restore).toMatchObject({
      state: 'not_applicable',
      reason: 'Keep unmasked pixels was off for this task.',
    });
    expect(result!.restore!.changedShare!).toBeGreaterThan(0.3);
    expect(result!.generatedAssetId).toBe(result!.asset.id);
  });
});
