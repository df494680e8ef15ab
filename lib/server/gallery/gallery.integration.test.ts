/**
 * The studio's server state through its real parts: PGlite in a temporary DATA_DIR and files in the blob store.
 * Gallery pages and filters, delete with undo, references over stored results, drafts and presets.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-studio-'));

beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
});

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function modules() {
  const [assets, list, repository, drafts, presets, db, schema] = await Promise.all([
    import('../assets'),
    import('./list'),
    import('../jobs/repository'),
    import('../drafts/drafts'),
    import('../presets/presets'),
    import('../storage/db'),
    import('../storage/schema'),
  ]);
  return { ...assets, ...list, ...repository, ...drafts, ...presets, ...db, ...schema };
}

/** Seeds `count` completed jobs with one result each, created one second apart (oldest first). */
async function seedJobs(count: number, prompt: (i: number) => string) {
  const m = await modules();
  const result = await m.storeGeneratedAsset({ kind: 'result', bytes: sample('coffee.png'), filename: 'result.png' });
  const db = await m.getDb();
  const start = Date.now() - count * 1000;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    await db.insert(m.jobs).values({
      id,
      idempotencyKey: randomUUID(),
      status: i % 5 === 4 ? 'failed' : 'completed',
      phase: 'done',
      engine: 'offline',
      prompt: prompt(i),
      options: DEFAULT_OPTIONS,
      referenceIds: [],
      createdAt: new Date(start + i * 1000),
    });
    await m.addJobResult(id, 0, result.id);
  }
  return { ids, result };
}

describe('gallery pages', () => {
  it('pages newest first by keyset, without gaps or repeats, and filters by prompt text and status', async () => {
    const m = await modules();
    const { ids } = await seedJobs(30, (i) => `${i % 2 === 0 ? 'even' : 'odd'} task ${i} 100%_done`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await m.listGalleryPage(m.galleryFilterSchema.parse({ limit: 7, cursor }));
      seen.push(...page.jobs.map((job) => job.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const odd = await m.listGalleryPage(m.galleryFilterSchema.parse({ q: 'ODD task', limit: 100 }));
    expect(odd.jobs).toHaveLength(15);
    expect(odd.jobs.every((job) => job.prompt.startsWith('odd'))).toBe(true);
    // LIKE wildcards in the filter are literal text.
    expect((await m.listGalleryPage(m.galleryFilterSchema.parse({ q: '100%_', limit: 100 }))).jobs).toHaveLength(30);
    expect((await m.listGalleryPage(m.galleryFilterSchema.parse({ q: '1%0', limit: 100 }))).jobs).toHaveLength(0);
    const failed = await m.listGalleryPage(m.galleryFilterSchema.parse({ status: 'failed', limit: 100 }));
    expect(failed.jobs).toHaveLength(6);
    expect(m.galleryFilterSchema.safeParse({ cursor: "x' OR 1=1" }).success).toBe(false);
  });

  it('hides a deleted result and brings it back on undo', async () => {
    const m = await modules();
    const { ids } = await seedJobs(1, () => 'delete me');
    const id = ids[0]!;
    const view = async () => (await m.listGalleryPage(m.galleryFilterSchema.parse({ q: 'delete me' }))).jobs[0]!;
    expect((await view()).results).toHaveLength(1);
    await m.deleteResult(id, 0);
    await m.deleteResult(id, 0);
    expect((await view()).results).toHaveLength(0);
    await m.restoreResult(id, 0);
    expect((await view()).results).toHaveLength(1);
  });
});

describe('result thumbnails', () => {
  it('stores a small thumbnail beside the large one and offers both by width; a reference over it keeps both', async () => {
    const m = await modules();
    const { default: sharp } = await import('sharp');
    const { blobStore } = await import('../storage/blobs');
    const { result } = await seedJobs(1, () => 'thumbnails'); // coffee.png, 600 × 400
    const widthOf = async (key: string | null) => (await sharp(await blobStore().read(key!)).metadata()).width;
    // The large one is never enlarged past the image (600, not 640); the small one is 320 wide.
    expect(await widthOf(result.thumbSha256)).toBe(600);
    expect(await widthOf(result.smallThumbSha256)).toBe(320);
    expect(m.assetView(result).thumbSrcSet).toBe(
      `/api/assets/${result.id}?variant=thumb-small 320w, /api/assets/${result.id}?variant=thumb 600w`,
    );
    const made = await m.referenceFromAsset(result.id, 'again.png');
    expect(made.ok && made.data.thumbSrcSet).toContain('variant=thumb-small 320w');
    // A mask has no thumbnails, so no srcset; neither has a row from before small thumbnails.
    const mask = await m.storeGeneratedAsset({ kind: 'mask', bytes: sample('coffee.png'), filename: 'mask.png' });
    expect(m.assetView(mask).thumbSrcSet).toBeUndefined();
    expect(m.assetView({ ...result, smallThumbSha256: null }).thumbSrcSet).toBeUndefined();
  });
});

describe('references over stored results', () => {
  it('makes a new reference row over the same blob and thumbnail, storing no bytes again', async () => {
    const m = await modules();
    const { result } = await seedJobs(1, () => 'source');
    const made = await m.referenceFromAsset(result.id, 'overpaint-1.png');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const row = await m.findAsset(made.data.id);
    expect(row).toMatchObject({
      kind: 'reference',
      sha256: result.sha256,
      thumbSha256: result.thumbSha256,
      filename: 'overpaint-1.png',
    });
    expect(made.data.id).not.toBe(result.id);
    const missing = await m.referenceFromAsset(randomUUID(), 'x.png');
    expect(missing.ok ? null : missing.error.code).toBe('reference:not_found');
  });
});

describe('drafts', () => {
  it('saves and restores references in order, prompt, options and the mask; a new base drops the mask', async () => {
    const m = await modules();
    const browser = randomUUID();
    expect(await m.loadDraft(browser)).toBeNull();
    const a = await m.storeReference(new File([sample('coffee.png')], 'coffee.png'));
    const b = await m.storeReference(new File([sample('rocket.jpg')], 'rocket.jpg'));
    if (!a.ok || !b.ok) throw new Error('references not stored');
    const options = { ...DEFAULT_OPTIONS, size: '16:9' as const, resolution: '4k' as const };
    await m.saveDraft(browser, { prompt: 'hello', options, referenceIds: [b.data.id, a.data.id] });
    const mask = await m.saveDraftMask(browser, new Blob([sample('coffee-mask.png')]));
    expect(mask.ok).toBe(true);
    const draft = await m.loadDraft(browser);
    expect(draft?.prompt).toBe('hello');
    expect(draft?.options).toEqual(options);
    expect(draft?.references.map((r) => r.filename)).toEqual(['rocket.jpg', 'coffee.png']);
    expect(draft?.mask?.width).toBe(600);

    await m.saveDraft(browser, { prompt: 'hello', options, referenceIds: [a.data.id], clearMask: true });
    expect((await m.loadDraft(browser))?.mask).toBeNull();
    const notPng = await m.saveDraftMask(browser, new Blob([sample('rocket.jpg')]));
    expect(notPng.ok ? null : notPng.error.code).toBe('mask:invalid');
    expect(
      m.draftInputSchema.safeParse({ prompt: '', options: { ...DEFAULT_OPTIONS, resolution: '4k' }, referenceIds: [] })
        .success,
    ).toBe(false);
  });
});

describe('presets', () => {
  it('saves, replaces by name, lists by name and deletes', async () => {
    const m = await modules();
    const first = await m.savePreset({ name: 'Brand', options: DEFAULT_OPTIONS, promptPrefix: 'On brand:' });
    await m.savePreset({ name: 'Alpha', options: DEFAULT_OPTIONS, promptPrefix: '' });
    await m.savePreset({ name: 'Brand', options: { ...DEFAULT_OPTIONS, n: 4 }, promptPrefix: 'Brand v2:' });
    const list = await m.listPresets();
    expect(list.map((p) => p.name)).toEqual(['Alpha', 'Brand']);
    expect(list[1]).toMatchObject({ promptPrefix: 'Brand v2:', options: { n: 4 } });
    if (first.ok) await m.deletePreset(first.data.id);
    expect((await m.listPresets()).map((p) => p.name)).toEqual(['Alpha']);
    expect(m.presetInputSchema.safeParse({ name: '  ', options: DEFAULT_OPTIONS, promptPrefix: '' }).success).toBe(
      false,
    );
  });
});
