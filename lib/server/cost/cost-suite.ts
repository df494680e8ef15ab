/**
 * Costs through the real modules: a real database (PGlite or PostgreSQL), the job pipeline over HTTP to the fake
 * ToAPIs server, and the Usage report. Run by `cost.embedded.test.ts` and `cost.postgres.test.ts`; the actor and
 * directory are `../curation/test-people` (vi.mock in the test files). Not a test file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_TABLE, DEFAULT_MODEL, type PriceTable } from '@/lib/cost/prices';
import { DEFAULT_OPTIONS, type GenerationOptions } from '@/lib/jobs/options';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';
import { fakeFaults } from '@/lib/testing/fake-toapis/faults';
import { actAs, DANA, OWNER } from '../curation/test-people';

const samples = path.resolve(__dirname, '../../../../shared/samples');

/** $0.10 per medium 1k image, $0.40 per high 1k, $0.02 per input image: round numbers the tests can add up. */
const PRICES: PriceTable = {
  currency: 'USD',
  models: {
    [DEFAULT_MODEL]: {
      perImage: {
        low: { '1k': 0.05, '2k': 0.1, '4k': 0.2 },
        medium: { '1k': 0.1, '2k': 0.2, '4k': 0.4 },
        high: { '1k': 0.4, '2k': 0.8, '4k': 1.6 },
      },
      perInputImage: 0.02,
    },
  },
};

export function defineCostSuite(
  label: string,
  environment: () => Promise<Record<string, string>>,
  /** A second, independent connection to the same database (another instance), or null where there is none. */
  secondDatabase: (() => Promise<{ db: import('../storage/db').Db; close(): Promise<void> }>) | null,
): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-cost-'));
  let fake: FakeToapis;

  beforeAll(async () => {
    fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: 1 });
    Object.assign(
      process.env,
      { DATA_DIR: dataDir, TOAPIS_API_KEY: 'test-key', TOAPIS_BASE_URL: fake.url },
      await environment(),
    );
    await (await import('../storage/db')).getDb();
    (await import('../jobs/runner')).stopJobRunner();
  }, 240_000);

  afterAll(async () => {
    await (await import('../storage/db')).closeDb();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    fake.control({ reset: true, completeAfterPolls: 1 });
    actAs(OWNER);
    const { getDb } = await import('../storage/db');
    const { costLedger, budgets } = await import('../storage/schema');
    const db = await getDb();
    // Each test starts a fresh month of spending.
    await db.delete(costLedger);
    await db.delete(budgets);
    await setPrices('');
  });

  async function setPrices(teamBudget: string, confirmAbove = '') {
    const { saveCostSettings } = await import('./settings');
    const saved = await saveCostSettings({ prices: PRICES, confirmAbove, teamBudget }, OWNER.id);
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.data;
  }

  let counter = 0;
  async function submit(options: Partial<GenerationOptions> = {}, referenceIds: string[] = []) {
    const { submitJob } = await import('../jobs/submit');
    return submitJob(
      {
        idempotencyKey: `cost-${label}-${++counter}-${Date.now()}`,
        prompt: 'a lighthouse',
        options: { ...DEFAULT_OPTIONS, size: '1:1', ...options },
        referenceIds,
      },
      null,
    );
  }

  async function ledger(jobId: string) {
    const { getDb } = await import('../storage/db');
    const { costLedger } = await import('../storage/schema');
    const [row] = await (await getDb()).select().from(costLedger).where(eq(costLedger.jobId, jobId));
    return row;
  }

  async function drive(jobId: string) {
    const { driveJob } = await import('@/lib/testing/pipeline');
    return driveJob(jobId);
  }

  const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path.includes('/generations'));
  const uploads = () => fake.state.requests.filter((r) => r.path.includes('/uploads'));

  describe(`${label}: prices and settings`, () => {
    it('start from the documented default, save what an admin sets, and name a bad field', async () => {
      const { getDb } = await import('../storage/db');
      const { costSettings } = await import('../storage/schema');
      await (await getDb()).delete(costSettings);
      const { loadCostSettings, saveCostSettings } = await import('./settings');
      expect((await loadCostSettings()).prices).toEqual(DEFAULT_PRICE_TABLE);
      const saved = await setPrices('25', '1.5');
      expect(saved).toMatchObject({ teamBudgetMicros: 25_000_000, confirmAboveMicros: 1_500_000 });
      const negative = structuredClone(PRICES);
      negative.models[DEFAULT_MODEL]!.perImage.high['2k'] = -1;
      expect(await saveCostSettings({ prices: negative, confirmAbove: '', teamBudget: '' }, OWNER.id)).toMatchObject({
        ok: false,
        error: { message: 'Price of one high quality 2k image: A price cannot be negative.' },
      });
      expect(await saveCostSettings({ prices: PRICES, confirmAbove: '', teamBudget: 'lots' }, OWNER.id)).toMatchObject({
        ok: false,
        error: { field: 'teamBudget', message: expect.stringMatching(/^Monthly budget: enter an amount/) },
      });
    });
  });

  describe(`${label}: a task's reservation`, () => {
    it('reserves n × the price plus inputs at submit, and settles it when the task completes', async () => {
      const result = await submit({ n: 2, quality: 'high' });
      if (!result.ok) throw new Error(result.error.message);
      expect(await ledger(result.data.id)).toMatchObject({
        state: 'reserved',
        estimateMicros: 800_000,
        images: 2,
        kind: 'single',
        personId: OWNER.id,
      });
      expect((await drive(result.data.id))?.status).toBe('completed');
      expect(await ledger(result.data.id)).toMatchObject({ state: 'settled', actualMicros: null });
    });

    it('keeps the actual cost upstream reports and prefers it over the estimate', async () => {
      fake.control({ completedExtras: { usage: { total_cost: 0.07, currency: 'USD' } } });
      const result = await submit({ n: 1 });
      if (!result.ok) throw new Error(result.error.message);
      await drive(result.data.id);
      expect(await ledger(result.data.id)).toMatchObject({
        state: 'settled',
        estimateMicros: 100_000,
        actualMicros: 70_000,
      });
      const { usageReport } = await import('./usage');
      const today = new Date().toISOString().slice(0, 10);
      expect((await usageReport({ from: today, to: today })).totalMicros).toBe(70_000);
    });

    it('releases it when the task fails before it was billed', async () => {
      fake.control({ faults: [fakeFaults.badRequest('prompt')] });
      const result = await submit({ n: 3 });
      if (!result.ok) throw new Error(result.error.message);
      expect((await drive(result.data.id))?.status).toBe('failed');
      expect(await ledger(result.data.id)).toMatchObject({ state: 'released' });
    });

    it('costs nothing on the offline engine', async () => {
      const { pricingFor } = await import('@/lib/cost/estimate');
      expect(pricingFor(PRICES, DEFAULT_MODEL, 'offline').prices.perImage.high['4k']).toBe(0);
    });
  });

  describe(`${label}: budgets`, () => {
    it('refuse a submission that would cross the team budget, by name, before anything is uploaded or created', async () => {
      await setPrices('1');
      const first = await submit({ n: 8 }); // $0.80 of $1.00
      expect(first.ok).toBe(true);
      const { getDb } = await import('../storage/db');
      const { jobs } = await import('../storage/schema');
      const before = (await (await getDb()).select().from(jobs)).length;
      const requestsBefore = fake.state.requests.length;
      const refused = await submit({ n: 3 }); // $0.30 > $0.20 left
      expect(refused).toMatchObject({ ok: false, error: { code: 'budget:exceeded', field: 'budget' } });
      if (!refused.ok) {
        expect(refused.error.message).toMatch(
          /^The studio’s monthly budget of \$1\.00 has \$0\.20 left, and this would cost ≈ \$0\.30; it resets on 1 \w+ \d{4}\.$/,
        );
      }
      expect((await (await getDb()).select().from(jobs)).length).toBe(before);
      expect(fake.state.requests.length).toBe(requestsBefore);
      // Reaching it exactly is allowed.
      expect((await submit({ n: 2 })).ok).toBe(true);
    });

    it('free what a released task had reserved, so the next submission fits', async () => {
      await setPrices('0.5');
      fake.control({ faults: [fakeFaults.badRequest('prompt')] });
      const failing = await submit({ n: 5 }); // $0.50: all of it
      if (!failing.ok) throw new Error(failing.error.message);
      expect((await submit({ n: 1 })).ok).toBe(false);
      await drive(failing.data.id);
      expect((await submit({ n: 1 })).ok).toBe(true);
      expect(creates().length + uploads().length).toBeGreaterThan(0);
    });

    it('hold each person to their own budget, naming it', async () => {
      const { savePersonBudget } = await import('./settings');
      expect(await savePersonBudget(DANA.id, '0.15')).toEqual({ ok: true, data: 150_000 });
      actAs(DANA);
      expect((await submit({ n: 1 })).ok).toBe(true);
      const refused = await submit({ n: 1 });
      expect(refused).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^Your monthly budget of \$0\.15 has \$0\.05 left/) },
      });
      actAs(OWNER); // the owner has no budget of their own
      expect((await submit({ n: 1 })).ok).toBe(true);
      expect(await savePersonBudget(DANA.id, '')).toEqual({ ok: true, data: null });
    });

    it('hold a Retry to them too, as the same kind of work', async () => {
      await setPrices('0.25');
      fake.control({ faults: [fakeFaults.badRequest('prompt')] });
      const failed = await submit({ n: 2 });
      if (!failed.ok) throw new Error(failed.error.message);
      await drive(failed.data.id);
      const { retryJob } = await import('../jobs/retry');
      const retried = await retryJob(failed.data.id);
      if (!retried.ok) throw new Error(retried.error.message);
      expect(await ledger(retried.data.id)).toMatchObject({ state: 'reserved', estimateMicros: 200_000 });
      await setPrices('0.1');
      const { getDb } = await import('../storage/db');
      const { jobs } = await import('../storage/schema');
      await (
        await getDb()
      )
        .update(jobs)
        .set({ phase: 'done', status: 'failed', errorCode: 'x' })
        .where(eq(jobs.id, retried.data.id));
      // Its reservation still stands until it is settled or swept: a second retry of the first task is the same task.
      expect((await retryJob(failed.data.id)).ok).toBe(true);
    });

    it('check a whole ratio set before building any of it', async () => {
      const { storeReference } = await import('../assets');
      const name = 'coffee.png';
      const stored = await storeReference(new File([readFileSync(path.join(samples, name))], name));
      if (!stored.ok) throw new Error(stored.error.message);
      await setPrices('0.5');
      const { submitExpanded } = await import('../expand/submit');
      const input = (ratios: string[]) => ({
        idempotencyKey: `set-${label}-${++counter}`,
        prompt: 'extend',
        options: { ...DEFAULT_OPTIONS, n: 1 },
        referenceIds: [stored.data.id],
        targets: ratios.map((ratio) => ({ ratio, placement: { x: 0.5, y: 0.5 } })),
      });
      // 4 ratios × ($0.10 + $0.02 for the base) = $0.48: fits; then 2 more ($0.24) do not.
      const set = await submitExpanded(input(['1:1', '4:5', '9:16', '16:9']), null);
      if (!set.ok) throw new Error(set.error.message);
      for (const job of set.data.jobs)
        expect(await ledger(job.id)).toMatchObject({ kind: 'ratio_set', estimateMicros: 120_000 });
      const refused = await submitExpanded(input(['1:1', '3:2']), null);
      expect(refused).toMatchObject({ ok: false, error: { code: 'budget:exceeded' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/\$0\.02 left, and this would cost ≈ \$0\.24/);
    });
  });

  describe(`${label}: the sweep`, () => {
    it('ends reservations of tasks that ended or vanished without them, once', async () => {
      const a = await submit({ n: 1 });
      const b = await submit({ n: 1 });
      if (!a.ok || !b.ok) throw new Error('not submitted');
      const { getDb } = await import('../storage/db');
      const { jobs } = await import('../storage/schema');
      const db = await getDb();
      // As if the instance died between ending the task and settling it, and as if the task were deleted.
      await db.update(jobs).set({ phase: 'done', status: 'completed' }).where(eq(jobs.id, a.data.id));
      await db.delete(jobs).where(eq(jobs.id, b.data.id));
      const { sweepReservations } = await import('./ledger');
      expect(await sweepReservations()).toBe(2);
      expect(await sweepReservations()).toBe(0);
      expect(await ledger(a.data.id)).toMatchObject({ state: 'settled' });
      expect(await ledger(b.data.id)).toMatchObject({ state: 'released' });
    });
  });

  describe(`${label}: usage`, () => {
    it('adds up spend per day, person, kind and board, counts in-flight tasks, and exports every task', async () => {
      await setPrices('10');
      const done = await submit({ n: 2 });
      if (!done.ok) throw new Error(done.error.message);
      await drive(done.data.id);
      actAs(DANA);
      const flying = await submit({ n: 1, quality: 'high' });
      if (!flying.ok) throw new Error(flying.error.message);
      const { createBoard, addToBoard } = await import('../curation/boards');
      const board = await createBoard('Spring campaign', OWNER);
      if (!board.ok) throw new Error(board.error.message);
      await addToBoard(board.data.id, [{ jobId: done.data.id, position: 0 }], OWNER);

      const { usageReport } = await import('./usage');
      const { usageCsv } = await import('@/lib/cost/usage');
      const today = new Date().toISOString().slice(0, 10);
      const report = await usageReport({ from: today, to: today });
      expect(report).toMatchObject({ totalMicros: 600_000, inFlightMicros: 400_000, budgetMicros: 10_000_000 });
      expect(report.byDay).toEqual([{ day: today, micros: 600_000, cumulativeMicros: 600_000 }]);
      expect(report.byPerson.map((p) => [p.label, p.micros])).toEqual([
        ['Dana', 400_000],
        ['Olive', 200_000],
      ]);
      expect(report.byKind).toEqual([{ key: 'single', label: 'Single tasks', micros: 600_000, tasks: 2 }]);
      expect(report.byBoard).toEqual([{ key: board.data.id, label: 'Spring campaign', micros: 200_000, tasks: 1 }]);
      const csv = usageCsv(report).split('\r\n');
      expect(csv[0]).toBe('date,task,person,kind,boards,state,estimate,actual,counted,currency');
      expect(csv.filter((line) => line.includes(done.data.id))[0]).toMatch(
        /,Olive,Single tasks,Spring campaign,settled,0\.2,,0\.2,USD$/,
      );
    });
  });

  describe.skipIf(!secondDatabase)(`${label}: two instances at once`, () => {
    it('against the last of a budget: exactly one goes through, every time', async () => {
      const other = await secondDatabase!();
      try {
        const { getDb } = await import('../storage/db');
        const { insertJobReserving } = await import('./ledger');
        const { jobs } = await import('../storage/schema');
        const mine = await getDb();
        for (let round = 0; round < 10; round++) {
          const { getDb: again } = await import('../storage/db');
          const db = await again();
          await db.delete((await import('../storage/schema')).costLedger);
          await setPrices('1'); // room for one $0.60 task, not two
          const job = (key: string) => ({
            id: `race-${label}-${round}-${key}`,
            idempotencyKey: `race-${label}-${round}-${key}`,
            engine: 'toapis' as const,
            prompt: 'race',
            options: DEFAULT_OPTIONS,
            referenceIds: [],
            maskId: null,
            createdBy: OWNER.id,
          });
          const reservation = {
            personId: OWNER.id,
            kind: 'single' as const,
            estimateMicros: 600_000,
            images: 6,
            currency: 'USD',
          };
          const results = await Promise.all([
            insertJobReserving(mine, job('a'), reservation),
            insertJobReserving(other.db, job('b'), reservation),
          ]);
          expect(results.filter((r) => r.ok)).toHaveLength(1);
          const refused = results.find((r) => !r.ok);
          expect(refused).toMatchObject({ ok: false, error: { code: 'budget:exceeded' } });
          const made = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.prompt, 'race'));
          expect(made.filter((row) => row.id.startsWith(`race-${label}-${round}-`))).toHaveLength(1);
        }
      } finally {
        await other.close();
      }
    }, 60_000);
  });
}
