/**
 * Review links through the real modules and a real database, run by `reviews.embedded.test.ts` (PGlite) and
 * `reviews.postgres.test.ts` (a PostgreSQL server). The actor and directory are `../curation/test-people` (vi.mock in
 * the test files). Not a test file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { actAs, DANA, LEE, OWNER } from '../curation/test-people';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));

export function defineReviewSuite(label: string, environment: () => Promise<Record<string, string>>): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-reviews-'));

  beforeAll(async () => {
    Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' }, await environment());
    await (await import('../storage/db')).getDb();
    (await import('../jobs/runner')).stopJobRunner();
  }, 240_000);

  afterAll(async () => {
    await (await import('../storage/db')).closeDb();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function modules() {
    const parts = await Promise.all([
      import('../assets'),
      import('../jobs/repository'),
      import('../expand/repository'),
      import('../curation/boards'),
      import('../gallery/list'),
      import('../gallery/stamp'),
      import('../storage/db'),
      import('../storage/schema'),
      import('../storage/blobs'),
      import('./reviews'),
      import('./review-link'),
      import('./studio-view'),
      import('./limiter'),
      import('./access'),
      import('./watermark'),
    ]);
    return Object.assign({}, ...parts) as (typeof parts)[0] &
      (typeof parts)[1] &
      (typeof parts)[2] &
      (typeof parts)[3] &
      (typeof parts)[4] &
      (typeof parts)[5] &
      (typeof parts)[6] &
      (typeof parts)[7] &
      (typeof parts)[8] &
      (typeof parts)[9] &
      (typeof parts)[10] &
      (typeof parts)[11] &
      (typeof parts)[12] &
      (typeof parts)[13] &
      (typeof parts)[14];
  }

  /** A finished task with `results` results on a real stored image, its base a stored reference. */
  async function seedTask(prompt: string, results = 2, setId: string | null = null) {
    const m = await modules();
    const asset = await m.storeGeneratedAsset({ kind: 'result', bytes: sample('coffee.png'), filename: 'r.png' });
    const base = await m.storeGeneratedAsset({ kind: 'reference', bytes: sample('coffee.png'), filename: 'b.png' });
    const id = randomUUID();
    const db = await m.getDb();
    await db.insert(m.jobs).values({
      id,
      idempotencyKey: randomUUID(),
      status: 'completed',
      phase: 'done',
      engine: 'offline',
      prompt,
      options: DEFAULT_OPTIONS,
      referenceIds: [base.id],
      createdBy: 'dana',
    });
    for (let position = 0; position < results; position++) await m.addJobResult(id, position, asset.id);
    if (setId) {
      await m.insertSetOnce(setId, prompt);
      await m.insertExpansionOnce({
        jobId: id,
        setId,
        sourceId: base.id,
        paintedMaskId: null,
        ratio: '1:1',
        placement: { x: 0.5, y: 0.5 },
        canvasWidth: 100,
        canvasHeight: 100,
        offsetX: 0,
        offsetY: 0,
        scale: 1,
        frame: null,
      });
    }
    return { id, asset, base };
  }

  const tokenOf = (url: string) => url.split('/r/')[1]!;
  const headersFrom = (address: string) => new Headers({ 'x-forwarded-for': address });

  describe(`${label}: review links`, () => {
    it('share a ratio set for review: the token is stored hashed, candidates fixed, the page shows no prompt', async () => {
      const m = await modules();
      const setId = randomUUID();
      await seedTask('secret prompt: square', 1, setId);
      await seedTask('secret prompt: wide', 1, setId);
      actAs(DANA);
      const made = await m.createReview(
        { kind: 'set', id: setId, includeBefore: true, watermark: 'PROOF', expiry: '7d' },
        'http://studio.test',
        DANA,
      );
      if (!made.ok) throw new Error(made.error.message);
      const token = tokenOf(made.data.url);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const db = await m.getDb();
      const [row] = await db.select().from(m.reviews).where(eq(m.reviews.id, made.data.review.id));
      expect(row?.tokenHash).not.toContain(token);
      expect(row?.tokenHash).toHaveLength(64);
      expect(made.data.review).toMatchObject({ kind: 'set', candidates: 2, status: 'open', createdByName: 'Dana' });

      const review = await m.activeReview(token);
      expect(review?.id).toBe(made.data.review.id);
      const page = await m.reviewPageState(review!, token, null);
      expect(JSON.stringify(page)).not.toContain('secret prompt');
      expect(page.title).toBe('2 ratios for review');
      expect(page.candidates.map((c) => c.label)).toEqual(['Option 1', 'Option 2']);
      expect(page.candidates[0]?.beforeUrl).toMatch(new RegExp(`^/r/${token}/before/`));
      expect(await m.activeReview(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    });

    it('records picks, verdicts and pinned comments per reviewer; the studio sees them by name; close makes it read-only', async () => {
      const m = await modules();
      const { id: jobId } = await seedTask('review: three results', 3);
      const made = await m.createReview({ kind: 'task', id: jobId }, 'http://studio.test', OWNER);
      if (!made.ok) throw new Error(made.error.message);
      const token = tokenOf(made.data.url);
      const review = (await m.activeReview(token))!;

      const nameless = await m.joinReview(review, '   ');
      expect(nameless).toMatchObject({ ok: false, error: { code: 'review:no_name' } });
      const ana = await m.joinReview(review, 'Ana Client');
      const ben = await m.joinReview(review, 'Ben');
      if (!ana.ok || !ben.ok) throw new Error('join failed');
      expect(await m.reviewerFor(review, ana.data.key)).toMatchObject({ name: 'Ana Client' });
      expect(await m.reviewerFor(review, 'not-a-key')).toBeNull();

      const as = (r: typeof ana) => (r.ok ? r.data.reviewer : null)!;
      // An endpoint subscribed to review.decided: each verdict (not a pick) records one delivery with it.
      const db = await m.getDb();
      const endpointId = randomUUID();
      await db.insert(m.webhookEndpoints).values({
        id: endpointId,
        url: 'https://hooks.example/reviews',
        secret: 'whsec_test',
        events: ['review.decided'],
      });
      expect((await m.decide(review, as(ana), { jobId, position: 0, decision: 'pick' })).ok).toBe(true);
      expect((await m.decide(review, as(ana), { jobId, position: 1, decision: 'approve' })).ok).toBe(true);
      expect((await m.decide(review, as(ben), { jobId, position: 1, decision: 'request_changes' })).ok).toBe(true);
      const told = await db.select().from(m.webhookDeliveries).where(eq(m.webhookDeliveries.endpointId, endpointId));
      const data = told.map((d) => (d.payload as { data: Record<string, unknown> }).data);
      expect(data).toHaveLength(2);
      expect(data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ taskId: jobId, position: 1, decision: 'approved', reviewer: 'Ana Client' }),
          expect.objectContaining({ taskId: jobId, position: 1, decision: 'changes_requested', reviewer: 'Ben' }),
        ]),
      );
      await db.delete(m.webhookEndpoints).where(eq(m.webhookEndpoints.id, endpointId));
      expect(await m.decide(review, as(ana), { jobId, position: 9, decision: 'pick' })).toMatchObject({
        ok: false,
        error: { code: 'result:not_found' },
      });
      expect(await m.decide(review, as(ana), { jobId, position: 0, decision: 'delete' })).toMatchObject({
        ok: false,
        error: { code: 'form:invalid' },
      });
      const html = '<img src=x onerror=alert(1)> sky too dark';
      expect((await m.comment(review, as(ana), { jobId, position: 1, body: html, pin: { x: 0.25, y: 0.75 } })).ok).toBe(
        true,
      );
      expect(await m.comment(review, as(ana), { jobId, position: 1, body: 'x'.repeat(1001), pin: null })).toMatchObject(
        { ok: false, error: { code: 'form:invalid' } },
      );
      expect(
        await m.comment(review, as(ana), { jobId, position: 1, body: 'off the image', pin: { x: 1.5, y: 0 } }),
      ).toMatchObject({ ok: false });

      const page = await m.reviewPageState(review, token, as(ana));
      expect(page.reviewerName).toBe('Ana Client');
      expect(page.candidates[0]?.mine).toEqual({ picked: true, verdict: null });
      expect(page.candidates[1]?.mine).toEqual({ picked: false, verdict: 'approved' });
      expect(page.candidates[1]?.comments).toMatchObject([
        { author: 'Ana Client', body: html, pin: { x: 0.25, y: 0.75 } },
      ]);

      const marks = await m.clientMarks();
      expect(marks[`${jobId}/0`]).toEqual({ approvedBy: [], pickedBy: ['Ana Client'], changesBy: [] });
      expect(marks[`${jobId}/1`]).toEqual({ approvedBy: ['Ana Client'], pickedBy: [], changesBy: ['Ben'] });

      // The studio: who and when, a reply (by name in the studio, as "the studio" on the client's page).
      actAs(LEE);
      const commentId = page.candidates[1]!.comments[0]!.id;
      expect((await m.replyToComment({ reviewId: review.id, commentId, body: 'Will brighten it.' }, LEE)).ok).toBe(
        true,
      );
      const detail = await m.reviewDetail(review.id);
      expect(detail?.items[1]?.decisions).toMatchObject([
        { reviewer: 'Ana Client', verdict: 'approved' },
        { reviewer: 'Ben', verdict: 'changes_requested' },
      ]);
      expect(detail?.items[1]?.comments.map((c) => [c.author, c.fromStudio, c.replyTo])).toEqual([
        ['Ana Client', false, null],
        ['Lee', true, commentId],
      ]);
      expect(detail?.approved).toBe(1);
      expect(detail?.picked).toBe(1);
      const clientView = await m.reviewPageState(review, token, as(ana));
      expect(clientView.candidates[1]?.comments[1]?.author).toBe('The studio');

      // The gallery's "approved by client" filter, through the URL form the browser sends.
      const gallery = await m.listGalleryPage(m.galleryFilterSchema.parse({ client: 'approved', limit: 100 }), OWNER);
      const card = gallery.jobs.find((job) => job.id === jobId);
      expect(card?.results.map((r) => r.position)).toEqual([1]);

      // Closed: read-only; the outcome stays; reopening lets decisions in again.
      const stampBefore = await m.galleryStamp();
      const closed = await m.closeReview(review.id, OWNER);
      expect(closed).toMatchObject({ ok: true, data: { status: 'closed', closedByName: 'Olive' } });
      const closedRow = (await m.activeReview(token))!;
      expect(await m.decide(closedRow, as(ben), { jobId, position: 2, decision: 'approve' })).toMatchObject({
        ok: false,
        error: { code: 'review:closed' },
      });
      expect((await m.reviewPageState(closedRow, token, null)).closed).toBe(true);
      await m.reopenReview(review.id);
      const reopened = (await m.activeReview(token))!;
      expect((await m.decide(reopened, as(ben), { jobId, position: 2, decision: 'approve' })).ok).toBe(true);
      expect(await m.galleryStamp()).not.toBe(stampBefore);
    });

    it('a revoked or expired link finds nothing; a new expiry brings an expired one back, a revoked one stays gone', async () => {
      const m = await modules();
      const { id: jobId } = await seedTask('review: revoke', 1);
      const made = await m.createReview({ kind: 'task', id: jobId, expiry: '1d' }, 'http://studio.test', OWNER);
      if (!made.ok) throw new Error(made.error.message);
      const token = tokenOf(made.data.url);
      const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
      expect(await m.activeReview(token, tomorrow)).toBeNull();
      await m.setReviewExpiry({ id: made.data.review.id, expiry: 'never' });
      expect(await m.activeReview(token, tomorrow)).not.toBeNull();
      const revoked = await m.revokeReview(made.data.review.id);
      expect(revoked).toMatchObject({ ok: true, data: { status: 'revoked' } });
      expect(await m.activeReview(token)).toBeNull();
      expect(await m.enterReview(token, headersFrom('203.0.113.9'))).toMatchObject({ ok: false, reason: 'not_found' });
      expect(await m.createReview({ kind: 'task', id: 'nope' }, 'http://studio.test', OWNER)).toMatchObject({
        ok: false,
        error: { code: 'review:empty' },
      });
    });

    it('rate-limits per address (across links, unknown tokens too) and per link, in the database', async () => {
      const m = await modules();
      const limits = { perAddress: 3, perLink: 5, windowMs: 60_000 };
      const link = `link-${randomUUID()}`;
      const one = `198.51.100.${Math.floor(Math.random() * 200)}-${randomUUID()}`;
      for (let i = 0; i < 3; i++) expect((await m.takeReviewHit(link, one, limits)).allowed).toBe(true);
      const refused = await m.takeReviewHit(`other-${randomUUID()}`, one, limits);
      expect(refused).toMatchObject({ allowed: false });
      if (!refused.allowed) expect(refused.retryAfterS).toBeGreaterThan(0);
      // Other addresses fill the link up to its own cap.
      expect((await m.takeReviewHit(link, `a-${randomUUID()}`, limits)).allowed).toBe(true);
      expect((await m.takeReviewHit(link, `b-${randomUUID()}`, limits)).allowed).toBe(true);
      expect((await m.takeReviewHit(link, `c-${randomUUID()}`, limits)).allowed).toBe(false);
    });

    it('watermarks review images server-side until approved, once per image, never the stored original', async () => {
      const m = await modules();
      const { asset } = await seedTask('review: watermark', 1);
      const original = await m.blobStore().read(asset.sha256);
      const made = await m.watermarkedImage('PROOF', asset, 'full');
      if (!made.ok) throw new Error(made.reason);
      const bytes = new Uint8Array(await new Response(made.body).arrayBuffer());
      const marked = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const plain = await sharp(original).resize(marked.info.width, marked.info.height).removeAlpha().raw().toBuffer();
      let differing = 0;
      for (let i = 0; i < plain.length; i += 3) if (Math.abs(plain[i]! - marked.data[i]!) > 40) differing++;
      expect(differing / (plain.length / 3)).toBeGreaterThan(0.02);
      expect(await m.blobStore().read(asset.sha256)).toEqual(original);
      const again = await m.watermarkedImage('PROOF', asset, 'full');
      expect(again.ok && again.etag).toBe(made.etag);
      if (again.ok) await again.body.cancel();
    });
  });
}
