/**
 * A 200-image batch against the fake ToAPIs server, run by the real feeder and the real job runner: the creates
 * that reach upstream never pass the create budget (its burst, then its rate), and the batch never has more than
 * MAX_IN_FLIGHT_PER_BATCH unfinished tasks. The budget is the app's own token bucket, at a rate raised for the
 * test's sake (same arithmetic, so the test takes seconds, not the minute 200 creates take at the default rate).
 */
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IN_FLIGHT_PER_BATCH } from '@/lib/batches/feeder';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { processSingleton } from '@/lib/process-singleton';
import { createTokenBucket } from '@/lib/toapis/budget';
import { setUpPipeline } from '@/lib/testing/pipeline';

const pipeline = setUpPipeline('batch-budget', { completeAfterPolls: 1, env: { PGLITE_FSYNC: 'false' } });

const IMAGES = 200;
const BUDGET = { perMinute: 1_200, burst: 5 };

describe('a 200-image batch and the create budget', () => {
  it('never sends creates faster than the budget, and keeps at most 8 tasks in flight', async () => {
    const { storeReference } = await import('../assets');
    const { saveRecipe } = await import('./recipes');
    const { startBatch, getBatch } = await import('./batches');
    const { startBatchFeeder, drainBatchFeeder } = await import('./feeder');
    const { startJobRunner, drainJobRunner } = await import('../jobs/runner');
    const { getDb, rowsOf } = await import('../storage/db');
    const { createToapisClient } = await import('@/lib/toapis/client');
    const owner = { id: 'local', name: 'You', role: 'owner' as const };

    const upstream = processSingleton<unknown>('upstream-client', () => undefined);
    upstream.set(
      createToapisClient({
        baseUrl: pipeline.fake.url,
        apiKey: 'test-key',
        model: 'm',
        budgets: { create: createTokenBucket(BUDGET), status: createTokenBucket({ perMinute: 60_000, burst: 50 }) },
      }),
    );

    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer();
    const ids: string[] = [];
    for (let i = 0; i < IMAGES; i++) {
      const stored = await storeReference(new File([new Uint8Array(png)], `product-${i + 1}.png`));
      if (!stored.ok) throw new Error(stored.error.message);
      ids.push(stored.data.id);
    }
    const recipe = await saveRecipe(
      {
        name: 'Catalogue',
        prompt: 'White backdrop for {name}',
        options: DEFAULT_OPTIONS,
        referenceIds: [],
        ratios: [],
        maskRule: { kind: 'rect', x: 0, y: 0, width: 1, height: 0.25 },
      },
      null,
      owner,
    );
    if (!recipe.ok) throw new Error(recipe.error.message);
    const batch = await startBatch({ recipeId: recipe.data.id, imageIds: ids }, owner);
    if (!batch.ok) throw new Error(batch.error.message);

    const db = await getDb();
    let mostInFlight = 0;
    const sampler = setInterval(() => {
      void db
        .execute(
          sql`select count(*)::int as n from batch_items i join jobs j on j.id = i.job_id where j.phase <> 'done'`,
        )
        .then((result) => {
          mostInFlight = Math.max(mostInFlight, Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0));
        })
        .catch(() => {});
    }, 50);
    startJobRunner();
    startBatchFeeder();
    try {
      await vi.waitFor(async () => expect((await getBatch(batch.data.id))?.state).toBe('done'), {
        timeout: 240_000,
        interval: 500,
      });
    } finally {
      clearInterval(sampler);
      await drainBatchFeeder();
      await drainJobRunner(2_000);
    }

    expect(await getBatch(batch.data.id)).toMatchObject({ progress: { done: IMAGES, failed: 0 } });
    const creates = pipeline.fake.state.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/images/generations')
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(creates).toHaveLength(IMAGES);
    // Every window from one create on holds at most the burst plus what the rate refilled in it (+1 for the
    // clock's millisecond grain between the bucket and the server's stamps).
    for (let i = 0; i < creates.length; i++) {
      for (let j = i; j < creates.length; j++) {
        const windowMs = creates[j]! - creates[i]!;
        const allowed = BUDGET.burst + (windowMs * BUDGET.perMinute) / 60_000 + 1;
        expect(j - i + 1).toBeLessThanOrEqual(allowed);
      }
    }
    expect(mostInFlight).toBeGreaterThan(0);
    expect(mostInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_BATCH);
  }, 300_000);
});
