import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { itemIdempotencyKey, itemsToStart, MAX_IN_FLIGHT_PER_BATCH } from '@/lib/batches/feeder';
import { processSingleton } from '@/lib/process-singleton';
import { findAssets } from '../assets';
import { LOCAL_OWNER } from '../auth/actor';
import { INSTANCE_ID } from '../jobs/leases';
import { submitJob } from '../jobs/submit';
import { getDb, rowsOf, type Db } from '../storage/db';
import { batches, batchItems, type BatchItemRow, type BatchRow } from '../storage/schema';
import { enqueueWebhookEvent } from '../webhooks/enqueue';
import { recipeTask } from './recipe-task';

/**
 * Feeds running batches into the ordinary task pipeline: each tick, for each running batch this instance can
 * lease, submits queued items through `submitJob` (same checks, runner and upstream budgets as a Generate click)
 * until `MAX_IN_FLIGHT_PER_BATCH` of its tasks are unfinished. All state is in the database: a restart, or another
 * instance once this one's lease has expired, carries on where it stopped. A crash between recording a task and
 * noting it on the item is harmless: the next submit of that attempt has the same idempotency key and finds it.
 */
const TICK_MS = 1_000;
/** A killed instance's batches wait this long for another instance. Renewed every tick while held. */
export const BATCH_LEASE_MS = 15_000;
const BATCHES_PER_TICK = 4;

interface FeederState {
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  ticking: Promise<void> | null;
  holder: string;
}

const feeder = processSingleton<FeederState>('batch-feeder', () => ({
  timer: null,
  stopped: true,
  ticking: null,
  holder: INSTANCE_ID,
}));

export function startBatchFeeder(): void {
  const state = feeder.get();
  if (!state.stopped) return;
  state.stopped = false;
  schedule(0);
}

/** Stops claiming batches and hands this instance's leases back, so another instance takes them over at once. */
export async function drainBatchFeeder(): Promise<void> {
  const state = feeder.get();
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  await state.ticking?.catch(() => {});
  const db = await getDb();
  await db
    .update(batches)
    .set({ leaseHolder: null, leaseExpiresAt: null })
    .where(eq(batches.leaseHolder, state.holder));
}

/** A batch was started, resumed or retried: look now rather than at the next tick. */
export function wakeBatchFeeder(): void {
  if (!feeder.get().stopped) schedule(0);
}

function schedule(delayMs: number): void {
  const state = feeder.get();
  if (state.stopped) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    if (state.ticking) return schedule(TICK_MS);
    state.ticking = feedOnce()
      .catch((error: unknown) => console.error('[overpaint] batch feeder tick failed:', error))
      .finally(() => {
        state.ticking = null;
        schedule(TICK_MS);
      });
  }, delayMs);
  state.timer.unref();
}

/** One pass over the running batches this instance can lease. Exported for tests, which play several instances. */
export async function feedOnce(holder = feeder.get().holder): Promise<void> {
  const db = await getDb();
  const candidates = await db.execute(sql`
    select id from batches
    where state = 'running' and (lease_expires_at is null or lease_expires_at < now() or lease_holder = ${holder})
    order by created_at limit ${BATCHES_PER_TICK}`);
  for (const { id } of rowsOf<{ id: string }>(candidates)) {
    const batch = await claimBatch(id, holder);
    if (batch) await feedBatch(batch, holder);
  }
}

/** The batch's lease for `BATCH_LEASE_MS`, in one statement, on the database's clock; null when another holds it. */
async function claimBatch(id: string, holder: string): Promise<BatchRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(batches)
    .set({ leaseHolder: holder, leaseExpiresAt: sql`now() + ${`${BATCH_LEASE_MS} milliseconds`}::interval` })
    .where(
      and(
        eq(batches.id, id),
        eq(batches.state, 'running'),
        sql`(${batches.leaseExpiresAt} is null or ${batches.leaseExpiresAt} < now() or ${batches.leaseHolder} = ${holder})`,
      ),
    )
    .returning();
  return row ?? null;
}

async function inFlight(batchId: string): Promise<number> {
  const db = await getDb();
  const result = await db.execute(sql`
    select count(*)::int as n from batch_items i join jobs j on j.id = i.job_id
    where i.batch_id = ${batchId} and i.state = 'submitted' and j.phase <> 'done'`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

async function feedBatch(batch: BatchRow, holder: string): Promise<void> {
  const db = await getDb();
  const busy = await inFlight(batch.id);
  const queued = await db
    .select()
    .from(batchItems)
    .where(and(eq(batchItems.batchId, batch.id), eq(batchItems.state, 'queued')))
    .orderBy(asc(batchItems.position))
    .limit(MAX_IN_FLIGHT_PER_BATCH);
  if (queued.length === 0 && busy === 0) {
    await db.transaction(async (tx) => {
      const [finished] = await tx
        .update(batches)
        .set({ state: 'done', finishedAt: new Date(), leaseHolder: null, leaseExpiresAt: null })
        .where(and(eq(batches.id, batch.id), eq(batches.state, 'running')))
        .returning();
      // With the state change, so the event exists exactly when the batch finished (once, on one instance).
      if (finished) await enqueueWebhookEvent(tx, 'batch.finished', await batchFinishedPayload(tx, finished));
    });
    return;
  }
  for (const item of queued.slice(0, itemsToStart(busy, queued.length))) {
    // Paused or cancelled meanwhile, or the lease lost after a stall: stop here; the item stays queued.
    if (!(await stillHeld(batch.id, holder))) return;
    if ((await submitItem(batch, item)) === 'busy') return;
  }
}

async function stillHeld(batchId: string, holder: string): Promise<boolean> {
  return (await claimBatch(batchId, holder)) !== null;
}

async function submitItem(batch: BatchRow, item: BatchItemRow): Promise<'submitted' | 'failed' | 'busy'> {
  const db = await getDb();
  const { recipe } = batch;
  const [image, recipeMask] = await Promise.all([
    findAssets([item.assetId]).then((rows) => rows[0] ?? null),
    batch.maskId ? findAssets([batch.maskId]).then((rows) => rows[0] ?? null) : Promise.resolve(null),
  ]);
  const failItem = async (message: string) => {
    await db
      .update(batchItems)
      .set({ state: 'failed', errorMessage: message, updatedAt: new Date() })
      .where(and(eq(batchItems.id, item.id), eq(batchItems.state, 'queued')));
    return 'failed' as const;
  };
  if (!image) return failItem(`${item.filename} is no longer stored.`);
  // The item's own file name, not the stored asset's: a batch names its files as they were dropped.
  const task = await recipeTask(
    recipe,
    { ...image, filename: item.filename },
    { index: item.position + 1, ratio: item.ratio },
    recipeMask,
  );
  if (task.kind === 'busy') return 'busy';
  if (task.kind === 'refused') return failItem(task.message);
  const submitted = await submitJob(
    { idempotencyKey: itemIdempotencyKey(item.id, item.attempt), ...task.input },
    task.mask,
    { createdBy: batch.createdBy ?? LOCAL_OWNER.id, kind: 'batch' },
  );
  if (!submitted.ok) return failItem(`${item.filename}: ${submitted.error.message}`);
  await db
    .update(batchItems)
    .set({ state: 'submitted', jobId: submitted.data.id, updatedAt: new Date() })
    .where(and(eq(batchItems.id, item.id), eq(batchItems.state, 'queued')));
  return 'submitted';
}

/** What `batch.finished` tells: which batch, its recipe, and how its items ended. */
async function batchFinishedPayload(db: Db, batch: BatchRow): Promise<Record<string, unknown>> {
  const counts = rowsOf<{ state: string; n: number }>(
    await db.execute(sql`
      select case when i.state = 'submitted' and j.status = 'completed' then 'completed'
                  when i.state = 'submitted' then 'failed' else i.state end as state, count(*)::int as n
      from batch_items i left join jobs j on j.id = i.job_id where i.batch_id = ${batch.id} group by 1`),
  );
  const count = (state: string) => Number(counts.find((row) => row.state === state)?.n ?? 0);
  return {
    batchId: batch.id,
    recipe: batch.recipeName,
    items: counts.reduce((sum, row) => sum + Number(row.n), 0),
    completed: count('completed'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    finishedAt: (batch.finishedAt ?? new Date()).toISOString(),
  };
}
