/**
 * Attribution, stars, approvals, boards and the gallery's filters through the real modules and a real database,
 * run by `curation.integration.test.ts` (PGlite) and `curation.postgres.integration.test.ts` (a PostgreSQL server).
 * The test files mock the actor and the directory with `./test-people` so several people can act. Not a test file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryFilterFromParams, galleryFilterToParams, type GalleryFilter } from '@/lib/jobs/gallery-filter';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { actAs, DANA, directoryCalls, LEE, OWNER } from './test-people';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));

export function defineCurationSuite(label: string, environment: () => Promise<Record<string, string>>): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-curation-'));

  beforeAll(async () => {
    Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' }, await environment());
    await (await import('../storage/db')).getDb();
    // Tasks here are finished by hand; the runner would try to run them.
    (await import('../jobs/runner')).stopJobRunner();
  }, 240_000);

  afterAll(async () => {
    await (await import('../storage/db')).closeDb();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function modules() {
    const [
      assets,
      list,
      repository,
      submit,
      shares,
      presets,
      stars,
      approvals,
      boards,
      boardShares,
      stamp,
      db,
      schema,
    ] = await Promise.all([
      import('../assets'),
      import('../gallery/list'),
      import('../jobs/repository'),
      import('../jobs/submit'),
      import('../share/shares'),
      import('../presets/presets'),
      import('./stars'),
      import('./approvals'),
      import('./boards'),
      import('./board-shares'),
      import('../gallery/stamp'),
      import('../storage/db'),
      import('../storage/schema'),
    ]);
    return {
      ...assets,
      ...list,
      ...repository,
      ...submit,
      ...shares,
      ...presets,
      ...stars,
      ...approvals,
      ...boards,
      ...boardShares,
      ...stamp,
      ...db,
      ...schema,
    };
  }

  /** A finished task with `results` results, made by `createdBy` (null: from before people) at `at`. */
  async function seedTask(prompt: string, createdBy: string | null, at = new Date(), results = 2) {
    const m = await modules();
    const asset = await m.storeGeneratedAsset({ kind: 'result', bytes: sample('coffee.png'), filename: 'r.png' });
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
      referenceIds: [],
      createdBy,
      createdAt: at,
    });
    for (let position = 0; position < results; position++) await m.addJobResult(id, position, asset.id);
    return id;
  }

  /** The gallery as `viewer` sees it under `filter`, through the same URL form the browser sends. */
  async function gallery(filter: GalleryFilter, viewer = OWNER, prefix = '') {
    const m = await modules();
    const params = Object.fromEntries(galleryFilterToParams(filter));
    const page = await m.listGalleryPage(m.galleryFilterSchema.parse({ ...params, limit: 100 }), viewer);
    return page.jobs.filter((job) => job.prompt.startsWith(prefix));
  }

  describe(`${label}: attribution`, () => {
    it('records who made each task, reference, share, preset and board, and names them on the gallery', async () => {
      const m = await modules();
      actAs(DANA);
      const reference = await m.storeReference(new File([sample('coffee.png')], 'coffee.png'));
      if (!reference.ok) throw new Error(reference.error.message);
      const submitted = await m.submitJob(
        {
          idempotencyKey: randomUUID(),
          prompt: 'attr: by dana',
          options: DEFAULT_OPTIONS,
          referenceIds: [reference.data.id],
        },
        null,
      );
      if (!submitted.ok) throw new Error(submitted.error.message);
      await m.addJobResult(submitted.data.id, 0, (await m.findAsset(reference.data.id))!.id);
      const share = await m.createShare({ jobId: submitted.data.id }, 'http://studio.test');
      expect(share.ok).toBe(true);
      actAs(LEE);
      const preset = await m.savePreset({
        name: `attr preset ${randomUUID()}`,
        options: DEFAULT_OPTIONS,
        promptPrefix: '',
      });
      const board = await m.createBoard('attr board', LEE);
      if (!preset.ok || !board.ok || !share.ok) throw new Error('setup failed');

      const db = await m.getDb();
      const by = async (table: string, id: string) =>
        m.rowsOf<{ created_by: string | null }>(
          await db.execute(sql`select created_by from ${sql.identifier(table)} where id = ${id}`),
        )[0]?.created_by;
      expect(await by('jobs', submitted.data.id)).toBe('dana');
      expect(await by('assets', reference.data.id)).toBe('dana');
      expect(await by('shares', share.data.share.id)).toBe('dana');
      expect(await by('presets', preset.data.id)).toBe('lee');
      expect(await by('boards', board.data.id)).toBe('lee');
      expect(board.data.createdByName).toBe('Lee');

      await seedTask('attr: from before people', null);
      await seedTask('attr: by lee', 'lee');
      const calls = directoryCalls.count;
      const everyone = await gallery({}, LEE, 'attr:');
      expect(directoryCalls.count - calls).toBe(1);
      expect(Object.fromEntries(everyone.map((job) => [job.prompt, job.createdByName]))).toEqual({
        'attr: by dana': 'Dana',
        'attr: from before people': 'Olive',
        'attr: by lee': 'Lee',
      });
    });

    it("filters by Mine, Everyone and a person; the owner's Mine includes work from before people", async () => {
      const prompts = async (filter: GalleryFilter, viewer = OWNER) =>
        (await gallery(filter, viewer, 'attr:')).map((job) => job.prompt).sort();
      expect(await prompts({ by: 'mine' }, LEE)).toEqual(['attr: by lee']);
      expect(await prompts({ by: 'mine' }, DANA)).toEqual(['attr: by dana']);
      expect(await prompts({ by: 'mine' }, OWNER)).toEqual(['attr: from before people']);
      expect(await prompts({ by: 'dana' }, LEE)).toEqual(['attr: by dana']);
      expect(await prompts({ by: 'local' }, LEE)).toEqual(['attr: from before people']);
      expect(await prompts({}, LEE)).toHaveLength(3);
    });
  });

  describe(`${label}: stars`, () => {
    it('are per person, filter to the starred results only, and come off again', async () => {
      const m = await modules();
      const id = await seedTask('star: two results', 'dana');
      expect((await m.setStar({ jobId: id, position: 1 }, true, DANA)).ok).toBe(true);
      expect((await m.setStar({ jobId: id, position: 1 }, true, DANA)).ok).toBe(true);
      const [asDana] = await gallery({}, DANA, 'star:');
      const [asLee] = await gallery({}, LEE, 'star:');
      expect(asDana?.results.map((r) => r.curation)).toEqual([
        { starred: false, stars: 0, approval: null },
        { starred: true, stars: 1, approval: null },
      ]);
      expect(asLee?.results[1]?.curation).toEqual({ starred: false, stars: 1, approval: null });

      const starred = await gallery({ starred: true }, DANA, 'star:');
      expect(starred.map((job) => job.results.map((r) => r.position))).toEqual([[1]]);
      expect(await gallery({ starred: true }, LEE, 'star:')).toEqual([]);

      await m.setStar({ jobId: id, position: 1 }, false, DANA);
      expect(await gallery({ starred: true }, DANA, 'star:')).toEqual([]);
      expect(await m.setStar({ jobId: id, position: 7 }, true, DANA)).toMatchObject({
        ok: false,
        error: { code: 'result:not_found' },
      });
    });
  });

  describe(`${label}: approvals`, () => {
    it('record who decided and when, replace an earlier decision, and filter approved, rejected and undecided', async () => {
      const m = await modules();
      const id = await seedTask('approve: two results', 'dana');
      await m.decideResult({ jobId: id, position: 1 }, 'approved', LEE);
      const [job] = await gallery({}, DANA, 'approve:');
      expect(job?.results[1]?.curation?.approval).toMatchObject({ decision: 'approved', byName: 'Lee' });
      expect(Date.parse(job!.results[1]!.curation!.approval!.at)).toBeGreaterThan(Date.now() - 60_000);

      const positions = async (filter: GalleryFilter) =>
        (await gallery(filter, DANA, 'approve:')).map((j) => j.results.map((r) => r.position));
      expect(await positions({ approval: 'approved' })).toEqual([[1]]);
      expect(await positions({ approval: 'none' })).toEqual([[0]]);
      expect(await positions({ approval: 'rejected' })).toEqual([]);

      await m.decideResult({ jobId: id, position: 1 }, 'rejected', DANA);
      const [after] = await gallery({}, LEE, 'approve:');
      expect(after?.results[1]?.curation?.approval).toMatchObject({ decision: 'rejected', byName: 'Dana' });
      expect(await positions({ approval: 'rejected' })).toEqual([[1]]);
      expect(await positions({ approval: 'approved' })).toEqual([]);
      await m.decideResult({ jobId: id, position: 1 }, null, DANA);
      expect(await positions({ approval: 'none' })).toEqual([[0, 1]]);
    });
  });

  describe(`${label}: boards`, () => {
    it('are made, renamed, filled with one or many results, filtered on, shared read-only and deleted', async () => {
      const m = await modules();
      const first = await seedTask('board: first', 'dana');
      const second = await seedTask('board: second', 'lee', new Date(), 1);
      const made = await m.createBoard('Spring launch', DANA);
      if (!made.ok) throw new Error(made.error.message);
      const boardId = made.data.id;
      expect((await m.renameBoard(boardId, 'Spring campaign')).ok).toBe(true);

      const items = [
        { jobId: first, position: 0 },
        { jobId: second, position: 0 },
      ];
      expect(await m.addToBoard(boardId, items, LEE)).toMatchObject({ ok: true, data: { added: 2 } });
      expect(await m.addToBoard(boardId, items.slice(0, 1), DANA)).toMatchObject({ ok: true, data: { added: 0 } });
      expect(await m.addToBoard(boardId, [{ jobId: first, position: 5 }], DANA)).toMatchObject({
        ok: false,
        error: { code: 'result:not_found' },
      });
      expect(await m.findBoard(boardId)).toMatchObject({ name: 'Spring campaign', items: 2, createdByName: 'Dana' });

      const onBoard = await gallery({ board: boardId }, OWNER, 'board:');
      expect(onBoard.map((job) => [job.prompt, job.results.map((r) => r.position)])).toEqual([
        ['board: second', [0]],
        ['board: first', [0]],
      ]);
      expect((await m.boardResults(boardId)).map((item) => item.addedByName)).toEqual(['Lee', 'Lee']);

      const link = await m.createBoardShare(boardId, 'http://studio.test', DANA);
      if (!link.ok) throw new Error(link.error.message);
      const token = link.data.url.split('/s/b/')[1]!;
      expect((await m.resolveBoardShare(token))?.items).toHaveLength(2);

      // A deleted result leaves the board (and its link) until Undo.
      await m.deleteResult(first, 0);
      expect((await m.findBoard(boardId))?.items).toBe(1);
      expect((await m.resolveBoardShare(token))?.items).toHaveLength(1);
      expect(await m.addToBoard(boardId, [{ jobId: first, position: 0 }], DANA)).toMatchObject({ ok: false });
      await m.restoreResult(first, 0);
      expect((await m.findBoard(boardId))?.items).toBe(2);

      await m.removeFromBoard(boardId, { jobId: second, position: 0 });
      expect((await gallery({ board: boardId }, OWNER, 'board:')).map((job) => job.prompt)).toEqual(['board: first']);

      await m.revokeBoardShare(link.data.share.id);
      expect(await m.resolveBoardShare(token)).toBeNull();
      expect((await m.deleteBoard(boardId)).ok).toBe(true);
      const db = await m.getDb();
      const left = await db.select().from(m.boardItems).where(eq(m.boardItems.boardId, boardId));
      expect(left).toEqual([]);
      expect(await m.findBoard(boardId)).toBeNull();
      expect(await m.renameBoard(boardId, 'gone')).toMatchObject({ ok: false, error: { code: 'board:not_found' } });
    });

    it('lose their items, stars and decisions with a deleted task: no rows left pointing at nothing', async () => {
      const m = await modules();
      const id = await seedTask('gone: task', 'dana');
      const board = await m.createBoard('Short-lived', DANA);
      if (!board.ok) throw new Error(board.error.message);
      await m.addToBoard(board.data.id, [{ jobId: id, position: 0 }], DANA);
      await m.setStar({ jobId: id, position: 0 }, true, LEE);
      await m.decideResult({ jobId: id, position: 1 }, 'approved', LEE);
      const db = await m.getDb();
      await db.delete(m.jobs).where(eq(m.jobs.id, id));
      for (const table of [m.stars, m.approvals, m.boardItems]) {
        expect(await db.select().from(table).where(eq(table.jobId, id))).toEqual([]);
      }
    });
  });

  describe(`${label}: the gallery filter`, () => {
    it('combines date range, status, prompt and curation filters, read from the URL the studio writes', async () => {
      const m = await modules();
      const old = await seedTask('range: november', 'dana', new Date('2026-11-20T10:00:00Z'));
      await seedTask('range: december', 'dana', new Date('2026-12-03T23:59:00Z'));
      await m.setStar({ jobId: old, position: 0 }, true, DANA);
      await m.decideResult({ jobId: old, position: 0 }, 'approved', DANA);
      const fromUrl = (query: string, viewer = DANA) =>
        gallery(galleryFilterFromParams(new URLSearchParams(query)), viewer, 'range:').then((jobs) =>
          jobs.map((job) => job.prompt),
        );
      expect(await fromUrl('from=2026-12-01&to=2026-12-03')).toEqual(['range: december']);
      expect(await fromUrl('to=2026-11-30')).toEqual(['range: november']);
      expect(await fromUrl('from=2026-11-01&to=2026-12-31&q=NOVEMBER&status=completed')).toEqual(['range: november']);
      expect(await fromUrl('by=mine&starred=1&approval=approved')).toEqual(['range: november']);
      expect(await fromUrl('by=mine&starred=1', LEE)).toEqual([]);
      expect(() => m.galleryFilterSchema.parse({ approval: 'maybe' })).toThrow();
      expect(() => m.galleryFilterSchema.parse({ from: '2026-02-31x' })).toThrow();
    });

    it('changes the gallery stamp when a star, a decision or a board item changes', async () => {
      const m = await modules();
      const id = await seedTask('stamp: task', 'dana');
      let stamp = await m.galleryStamp();
      const moved = async () => {
        const next = await m.galleryStamp();
        const changed = next !== stamp;
        stamp = next;
        return changed;
      };
      await m.setStar({ jobId: id, position: 0 }, true, DANA);
      expect(await moved()).toBe(true);
      await m.setStar({ jobId: id, position: 0 }, false, DANA);
      expect(await moved()).toBe(true);
      await m.decideResult({ jobId: id, position: 0 }, 'approved', DANA);
      expect(await moved()).toBe(true);
      const board = await m.createBoard('Stamp', DANA);
      expect(await moved()).toBe(true);
      if (!board.ok) throw new Error(board.error.message);
      await m.addToBoard(board.data.id, [{ jobId: id, position: 1 }], DANA);
      expect(await moved()).toBe(true);
      expect(await moved()).toBe(false);
    });
  });
}
