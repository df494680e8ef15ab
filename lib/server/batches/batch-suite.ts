/**
 * Recipes and batches through the real modules: a real database (PGlite or PostgreSQL), the reference intake,
 * `submitJob`, the job pipeline over HTTP to the fake ToAPIs server, and the feeder as several instances would
 * run it. Run by `batches.integration.test.ts` and `batches.postgres.integration.test.ts`. Not a test file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemIdempotencyKey, MAX_IN_FLIGHT_PER_BATCH } from '@/lib/batches/feeder';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { addReference, driveJob } from '@/lib/testing/pipeline';
import { fakeFaults } from '@/lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';
import type { Actor } from '../auth/actor';

const MAYA: Actor = { id: 'local', name: 'You', role: 'owner' };

export function defineBatchSuite(
  label: string,
  environment: () => Promise<Record<string, string>>,
  options: { segmentation: boolean },
): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `overpaint-batches-${label}-`));
  let fake: FakeToapis;

  beforeAll(async () => {
    fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: 1 });
    Object.assign(
      process.env,
      { DATA_DIR: dataDir, TOAPIS_API_KEY: 'test-key', TOAPIS_BASE_URL: fake.url },
      await environment(),
    );
    await (await import('../storage/db')).getDb();
    // Steps are driven here by hand; the runner and the feeder's own timers stay off.
    (await import('../jobs/runner')).stopJobRunner();
  }, 240_000);

  afterAll(async () => {
    await (await import('../storage/db')).closeDb();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const modules = async () => ({
    recipes: await import('./recipes'),
    batches: await import('./batches'),
    feeder: await import('./feeder'),
    zip: await import('./zip'),
    db: await (await import('../storage/db')).getDb(),
    submit: await import('../jobs/submit'),
  });

  async function recipe(name: string, maskRule: unknown, extra: Record<string, unknown> = {}) {
    const { recipes } = await modules();
    const saved = await recipes.saveRecipe(
      {
        name,
        prompt: 'New backdrop behind {name}',
        options: DEFAULT_OPTIONS,
        referenceIds: [],
        ratios: [],
        maskRule,
        ...extra,
      },
      null,
      MAYA,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.data;
  }

  async function images(names: string[]) {
    // One at a time, as the Batch page sends them: the intake's decoder is bounded and answers busy past its queue.
    const stored = [];
    for (const name of names) stored.push(await addReference(name));
    return stored;
  }

  async function driveAll(batchId: string) {
    const { batches } = await modules();
    for (const item of await batches.listBatchItems(batchId)) if (item.jobId) await driveJob(item.jobId);
  }

  describe(`batches (${label})`, () => {
    it('saves a recipe for the team, naming a bad field, and replaces one of the same name', async () => {
      const { recipes } = await modules();
      const noName = await recipes.saveRecipe(
        { name: ' ', prompt: 'x', options: DEFAULT_OPTIONS, referenceIds: [], ratios: [], maskRule: { kind: 'none' } },
        null,
        MAYA,
      );
      expect(noName).toMatchObject({ ok: false, error: { field: 'recipeName' } });
      const noMask = await recipes.saveRecipe(
        {
          name: 'Painted',
          prompt: 'x',
          options: DEFAULT_OPTIONS,
          referenceIds: [],
          ratios: [],
          maskRule: { kind: 'current' },
        },
        null,
        MAYA,
      );
      expect(noMask).toMatchObject({ ok: false, error: { code: 'mask:missing', field: 'maskRule' } });
      await recipe('Corner', { kind: 'rect', x: 0, y: 0, width: 0.5, height: 0.5 });
      const again = await recipe('Corner', { kind: 'ellipse', x: 0, y: 0, width: 1, height: 1 });
      const listed = await recipes.listRecipes();
      expect(listed.filter((r) => r.name === 'Corner')).toEqual([
        expect.objectContaining({ id: again.id, maskLabel: 'Ellipse', createdBy: 'local' }),
      ]);
    });

    it('runs a recipe over images: one task each with its own mask and prompt, at most 8 in flight, then done', async () => {
      const { batches, feeder, db } = await modules();
      const shape = await recipe('Top half', { kind: 'rect', x: 0, y: 0, width: 1, height: 0.5 });
      const files = await images([...Array(10)].map((_, i) => (i % 2 ? 'rocket.jpg' : 'coffee.png')));
      const { webhookEndpoints, webhookDeliveries } = await import('../storage/schema');
      const endpointId = randomUUID();
      await db.insert(webhookEndpoints).values({
        id: endpointId,
        url: 'https://hooks.example/batches',
        secret: 'whsec_test',
        events: ['batch.finished'],
      });
      const started = await batches.startBatch({ recipeId: shape.id, imageIds: files.map((f) => f.id) }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      const id = started.data.id;
      expect(started.data.progress).toMatchObject({ total: 10, toGo: 10 });

      await feeder.feedOnce('instance-a');
      let items = await batches.listBatchItems(id);
      expect(items.filter((i) => i.status === 'running')).toHaveLength(MAX_IN_FLIGHT_PER_BATCH);
      // A second pass with nothing finished starts nothing more.
      await feeder.feedOnce('instance-a');
      expect((await batches.getBatch(id))?.progress.running).toBe(MAX_IN_FLIGHT_PER_BATCH);

      const first = items[1]!;
      const job = await db.execute(sql`select prompt, mask_id, reference_ids from jobs where id = ${first.jobId}`);
      const row = (job as unknown as { rows: { prompt: string; mask_id: string; reference_ids: string[] }[] }).rows[0]!;
      expect(row.prompt).toBe('New backdrop behind rocket');
      expect(row.reference_ids[0]).toBe(files[1]!.id);
      const { findAssets } = await import('../assets');
      const { blobStore } = await import('../storage/blobs');
      const [mask] = await findAssets([row.mask_id]);
      const alpha = await sharp(await blobStore().read(mask!.sha256))
        .extractChannel(3)
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([alpha.info.width, alpha.info.height]).toEqual([files[1]!.width, files[1]!.height]);
      // Top half repainted (0), bottom kept (255).
      expect(alpha.data[0]).toBe(0);
      expect(alpha.data[alpha.data.length - 1]).toBe(255);

      await driveAll(id);
      await feeder.feedOnce('instance-a');
      await driveAll(id);
      await feeder.feedOnce('instance-a');
      items = await batches.listBatchItems(id);
      expect(items.every((i) => i.status === 'completed' && i.resultUrl)).toBe(true);
      expect(await batches.getBatch(id)).toMatchObject({ state: 'done', progress: { done: 10, fraction: 1 } });
      // Finishing told the subscribed endpoint once, with how the items ended; another pass tells nothing more.
      await feeder.feedOnce('instance-a');
      const told = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
      expect(told.map((d) => d.payload)).toEqual([
        expect.objectContaining({
          event: 'batch.finished',
          data: expect.objectContaining({ batchId: id, recipe: 'Top half', items: 10, completed: 10, failed: 0 }),
        }),
      ]);
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    });

    it('expands each image by a margin rule: its own padded base, the margins repainted, the image kept', async () => {
      const { batches, feeder, db, recipes } = await modules();
      const tooWide = await recipes.saveRecipe(
        {
          name: 'Too wide',
          prompt: 'x',
          options: DEFAULT_OPTIONS,
          referenceIds: [],
          ratios: [],
          maskRule: { kind: 'margin', top: 0, right: 1.5, bottom: 0, left: 0 },
        },
        null,
        MAYA,
      );
      expect(tooWide).toMatchObject({
        ok: false,
        error: { field: 'maskRule', message: 'Margin right: at most 100 % of the image.' },
      });
      const widen = await recipe('Widen', { kind: 'margin', top: 0, right: 0.25, bottom: 0, left: 0.25 });
      const [file] = await images(['coffee.png']);
      const started = await batches.startBatch({ recipeId: widen.id, imageIds: [file!.id] }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      await feeder.feedOnce('instance-a');
      const [item] = await batches.listBatchItems(started.data.id);
      const job = await db.execute(sql`select mask_id, reference_ids, start_point from jobs where id = ${item!.jobId}`);
      const row = (job as unknown as { rows: { mask_id: string; reference_ids: string[]; start_point: string }[] })
        .rows[0]!;
      const { findAssets } = await import('../assets');
      const { blobStore } = await import('../storage/blobs');
      const [base, mask] = await findAssets([row.reference_ids[0]!, row.mask_id]);
      expect(base!.id).not.toBe(file!.id);
      expect(base).toMatchObject({ kind: 'reference', filename: 'coffee-expanded.png' });
      const quarter = Math.round(file!.width * 0.25);
      expect([base!.width, base!.height]).toEqual([quarter + file!.width + quarter, file!.height]);
      expect(row.start_point).toBe('inpaint');
      const alpha = await sharp(await blobStore().read(mask!.sha256))
        .extractChannel(3)
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([alpha.info.width, alpha.info.height]).toEqual([base!.width, base!.height]);
      const middle = Math.floor(base!.height / 2) * base!.width;
      // Left and right margins repainted (0); the original, in between, kept (255).
      expect(alpha.data[middle]).toBe(0);
      expect(alpha.data[middle + base!.width - 1]).toBe(0);
      expect(alpha.data[middle + quarter + Math.floor(file!.width / 2)]).toBe(255);
      // The original's pixels are in the padded base unchanged.
      const [original, padded] = await Promise.all([
        sharp(await blobStore().read(file!.sha256))
          .removeAlpha()
          .raw()
          .toBuffer(),
        sharp(await blobStore().read(base!.sha256))
          .extract({ left: quarter, top: 0, width: file!.width, height: file!.height })
          .removeAlpha()
          .raw()
          .toBuffer(),
      ]);
      expect(Buffer.compare(original, padded)).toBe(0);
      await driveAll(started.data.id);
      expect((await batches.listBatchItems(started.data.id))[0]).toMatchObject({ status: 'completed' });
    });

    it('is fed by one instance at a time, and by another once the holder is gone', async () => {
      const { batches, feeder, db } = await modules();
      const plain = await recipe('Plain', { kind: 'none' });
      const files = await images(['coffee.png', 'coffee.png']);
      const started = await batches.startBatch({ recipeId: plain.id, imageIds: files.map((f) => f.id) }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      const id = started.data.id;
      // Instance A takes the lease, then dies before submitting (its lease is left behind).
      await db.execute(
        sql`update batches set lease_holder = 'instance-a', lease_expires_at = now() + interval '1 minute' where id = ${id}`,
      );
      await feeder.feedOnce('instance-b');
      expect((await batches.getBatch(id))?.progress.toGo).toBe(2);
      // A's lease expires: B carries on.
      await db.execute(sql`update batches set lease_expires_at = now() - interval '1 second' where id = ${id}`);
      await feeder.feedOnce('instance-b');
      expect((await batches.getBatch(id))?.progress.running).toBe(2);
    });

    it('finds the same task when a crash came between recording it and noting it on the item', async () => {
      const { batches, feeder, submit } = await modules();
      const plain = await recipe('Plain again', { kind: 'none' });
      const [file] = await images(['chelsea.png']);
      const started = await batches.startBatch({ recipeId: plain.id, imageIds: [file!.id] }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      const [item] = await batches.listBatchItems(started.data.id);
      const earlier = await submit.submitJob(
        {
          idempotencyKey: itemIdempotencyKey(item!.id, 1),
          prompt: 'New backdrop behind chelsea',
          options: DEFAULT_OPTIONS,
          referenceIds: [file!.id],
        },
        null,
        { createdBy: 'local', kind: 'batch' },
      );
      if (!earlier.ok) throw new Error(earlier.error.message);
      await feeder.feedOnce('instance-c');
      expect((await batches.listBatchItems(started.data.id))[0]?.jobId).toBe(earlier.data.id);
    });

    it('pauses, resumes, retries the failed items alone, and cancels what is left', async () => {
      const { batches, feeder } = await modules();
      const plain = await recipe('Retry me', { kind: 'none' });
      const files = await images(['coffee.png', 'rocket.jpg', 'chelsea.png']);
      const started = await batches.startBatch({ recipeId: plain.id, imageIds: files.map((f) => f.id) }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      const id = started.data.id;

      expect((await batches.setBatchPaused(id, true)).ok).toBe(true);
      await feeder.feedOnce('instance-a');
      expect((await batches.getBatch(id))?.progress.toGo).toBe(3);
      expect(await batches.setBatchPaused(id, true)).toMatchObject({ ok: false });
      expect((await batches.setBatchPaused(id, false)).ok).toBe(true);

      // The first task's create is refused for good upstream: that item fails, the others complete.
      fake.control({ faults: [fakeFaults.badRequest('prompt')] });
      await feeder.feedOnce('instance-a');
      await driveAll(id);
      await feeder.feedOnce('instance-a');
      let items = await batches.listBatchItems(id);
      expect(items.map((i) => i.status)).toEqual(['failed', 'completed', 'completed']);
      expect(items[0]?.error).toBeTruthy();
      const done = await batches.getBatch(id);
      expect(done).toMatchObject({ state: 'done', progress: { failed: 1, done: 2 }, controls: { retryFailed: true } });

      const completedJobs = items.slice(1).map((i) => i.jobId);
      expect((await batches.retryFailedItems(id)).ok).toBe(true);
      items = await batches.listBatchItems(id);
      expect(items.map((i) => i.status)).toEqual(['queued', 'completed', 'completed']);
      await feeder.feedOnce('instance-a');
      await driveAll(id);
      await feeder.feedOnce('instance-a');
      items = await batches.listBatchItems(id);
      expect(items.map((i) => i.status)).toEqual(['completed', 'completed', 'completed']);
      expect(items.slice(1).map((i) => i.jobId)).toEqual(completedJobs);
      expect((await batches.getBatch(id))?.state).toBe('done');

      const more = await batches.startBatch({ recipeId: plain.id, imageIds: files.map((f) => f.id) }, MAYA);
      if (!more.ok) throw new Error(more.error.message);
      fake.control({ hold: true });
      const { advanceJob } = await import('../jobs/advance');
      await feeder.feedOnce('instance-a');
      const running = await batches.listBatchItems(more.data.id);
      await advanceJob(running[0]!.jobId!);
      expect((await batches.cancelBatch(more.data.id)).ok).toBe(true);
      fake.control({ release: true, hold: false });
      const after = await batches.getBatch(more.data.id);
      expect(after).toMatchObject({ state: 'cancelled', progress: { cancelled: 3, running: 0 } });
      expect(await batches.retryFailedItems(more.data.id)).toMatchObject({ ok: false });
    });

    it('names a missing recipe or image and refuses more than 500 images', async () => {
      const { batches } = await modules();
      expect(await batches.startBatch({ recipeId: 'nope', imageIds: [crypto.randomUUID()] }, MAYA)).toMatchObject({
        ok: false,
        error: { field: 'recipe' },
      });
      const tooMany = await batches.startBatch(
        { recipeId: 'x', imageIds: [...Array(501)].map(() => crypto.randomUUID()) },
        MAYA,
      );
      expect(tooMany).toMatchObject({ ok: false, error: { field: 'images' } });
      if (!tooMany.ok) expect(tooMany.error.message).toMatch(/at most 500/);
    });

    it('refuses a batch that would cross a budget by name, before any item or task exists', async () => {
      const { batches, db } = await modules();
      const { loadCostSettings, saveCostSettings } = await import('../cost/settings');
      const { batches: batchRows } = await import('../storage/schema');
      const { prices } = await loadCostSettings();
      const shape = await recipe('Budgeted', { kind: 'none' });
      const files = await images(['coffee.png', 'rocket.jpg', 'chelsea.png']);
      const before = await db.select({ id: batchRows.id }).from(batchRows);
      const tasksBefore = fake.state.requests.length;
      expect((await saveCostSettings({ prices, confirmAbove: '', teamBudget: '0.01' }, MAYA.id)).ok).toBe(true);
      try {
        const refused = await batches.startBatch({ recipeId: shape.id, imageIds: files.map((f) => f.id) }, MAYA);
        expect(refused).toMatchObject({ ok: false, error: { code: 'budget:exceeded' } });
        if (!refused.ok) expect(refused.error.message).toMatch(/^The studio’s monthly budget of .*0\.01 has .* left/);
        expect(await db.select({ id: batchRows.id }).from(batchRows)).toEqual(before);
        expect(fake.state.requests.length).toBe(tasksBefore);
      } finally {
        await saveCostSettings({ prices, confirmAbove: '', teamBudget: '' }, MAYA.id);
      }
    });

    it('zips the results named by the original files and ratio', async () => {
      const { batches, feeder, zip } = await modules();
      const ratios = await recipe('Two ratios', { kind: 'none' }, { ratios: ['1:1', '16:9'] });
      const files = await images(['coffee.png', 'rocket.jpg']);
      const started = await batches.startBatch({ recipeId: ratios.id, imageIds: files.map((f) => f.id) }, MAYA);
      if (!started.ok) throw new Error(started.error.message);
      const empty = await zip.openBatchZip(started.data.id);
      expect(empty).toMatchObject({ ok: false, error: { code: 'batch:empty' } });
      await feeder.feedOnce('instance-a');
      await driveAll(started.data.id);
      const opened = await zip.openBatchZip(started.data.id);
      if (!opened.ok) throw new Error(opened.error.message);
      const bytes = new Uint8Array(await new Response(opened.data.stream()).arrayBuffer());
      const { unzipSync } = await import('fflate');
      expect(Object.keys(unzipSync(bytes)).sort()).toEqual([
        'coffee_16x9.png',
        'coffee_1x1.png',
        'rocket_16x9.png',
        'rocket_1x1.png',
      ]);
    });

    it.runIf(options.segmentation)(
      'Select background repaints what the model calls background',
      async () => {
        const { batches, feeder, db } = await modules();
        const bg = await recipe('Backdrop', { kind: 'background' });
        const [file] = await images(['coffee.png']);
        const started = await batches.startBatch({ recipeId: bg.id, imageIds: [file!.id] }, MAYA);
        if (!started.ok) throw new Error(started.error.message);
        await feeder.feedOnce('instance-a');
        const [item] = await batches.listBatchItems(started.data.id);
        expect(item?.status).toBe('running');
        const result = await db.execute(
          sql`select m.sha256 from jobs j join assets m on m.id = j.mask_id where j.id = ${item!.jobId}`,
        );
        const sha = (result as unknown as { rows: { sha256: string }[] }).rows[0]!.sha256;
        const { blobStore } = await import('../storage/blobs');
        const { data } = await sharp(await blobStore().read(sha))
          .extractChannel(3)
          .raw()
          .toBuffer({ resolveWithObject: true });
        const repainted = data.filter((a) => a === 0).length / data.length;
        // Some of the photo is background and some is the cup: neither all nor nothing.
        expect(repainted).toBeGreaterThan(0.1);
        expect(repainted).toBeLessThan(0.95);
      },
      180_000,
    );
  });
}
