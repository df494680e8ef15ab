import 'server-only';
import { estimateBatch } from '@/lib/batches/estimate';
import { checkBudget } from '../cost/ledger';
import { currentPricing } from '../cost/settings';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_BATCH_IMAGES } from '@/lib/batches/feeder';
import {
  batchControls,
  batchProgress,
  ITEM_STATUSES,
  type BatchProgress,
  type BatchState,
  type ItemStatus,
  type StatusCounts,
} from '@/lib/batches/progress';
import { fail, ok, type Result } from '@/lib/errors';
import { findAssets } from '../assets';
import type { Actor } from '../auth/actor';
import { cancelJob } from '../jobs/cancel';
import { getDb, rowsOf } from '../storage/db';
import { batches, batchItems, type BatchRow } from '../storage/schema';
import { findRecipe } from './recipes';
import { wakeBatchFeeder } from './feeder';

export const startBatchSchema = z.object({
  recipeId: z.string().min(1, 'Recipe: choose a recipe.').max(100),
  imageIds: z
    .array(z.uuid())
    .min(1, 'Add batch images: the batch has no image yet.')
    .max(MAX_BATCH_IMAGES, `Add batch images: a batch takes at most ${MAX_BATCH_IMAGES} images.`),
});

export interface BatchView {
  id: string;
  recipeName: string;
  state: BatchState;
  createdBy: string | null;
  createdAt: string;
  progress: BatchProgress;
  controls: ReturnType<typeof batchControls>;
}

export interface BatchItemView {
  id: string;
  position: number;
  filename: string;
  ratio: string | null;
  status: ItemStatus;
  jobId: string | null;
  originalThumbUrl: string;
  originalUrl: string;
  resultUrl: string | null;
  resultThumbUrl: string | null;
  error: string | null;
}

/**
 * An item's status: its own while it has no task, its task's once submitted (read with it, never copied, so the
 * runner stays the one writer of task state). A task deleted from the gallery counts as failed: Retry failed
 * makes it again.
 */
const ITEM_STATUS = sql<ItemStatus>`case
  when i.state in ('queued', 'cancelled', 'failed') then i.state
  when j.id is null then 'failed'
  when j.status = 'completed' then 'completed'
  when j.status = 'failed' and j.error_code = 'cancelled' then 'cancelled'
  when j.status = 'failed' then 'failed'
  else 'running' end`;

/**
 * Creates a batch from a recipe and images already stored through the reference intake; the feeder takes it on.
 * `batchId` lets a caller retry safely (the API derives it from an Idempotency-Key): a batch that already has this id
 * is left as it is and returned.
 */
export async function startBatch(
  input: unknown,
  actor: Actor,
  batchId: string = randomUUID(),
): Promise<Result<BatchView>> {
  const parsed = startBatchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'recipeId' ? 'recipe' : 'images';
    return fail('form:invalid', issue?.message ?? 'The batch could not be read.', { field });
  }
  const { recipeId, imageIds } = parsed.data;
  const recipe = await findRecipe(recipeId);
  if (!recipe)
    return fail('recipe:not_found', 'Recipe: this recipe no longer exists; choose another.', { field: 'recipe' });
  const unique = [...new Set(imageIds)];
  const images = new Map((await findAssets(unique)).map((row) => [row.id, row]));
  const missing = unique.filter((id) => images.get(id)?.kind !== 'reference');
  if (missing.length > 0) {
    return fail('reference:not_found', `${missing.length} of the images are no longer stored; add them again.`, {
      field: 'images',
    });
  }
  // The whole batch against the budgets before anything starts: a batch that cannot finish inside them is refused
  // by name now, not forty images in. Each task still reserves its own share under the lock as it is fed.
  const pricing = await currentPricing();
  const estimate = estimateBatch(
    pricing,
    { options: recipe.options, ratios: recipe.ratios, references: recipe.referenceIds.length },
    unique.length,
  );
  const budget = await checkBudget(actor.id, estimate.micros, estimate.currency);
  if (!budget.ok) return budget;
  const ratios: (string | null)[] = recipe.ratios.length > 0 ? recipe.ratios : [null];
  const items = unique.flatMap((imageId, index) =>
    ratios.map((ratio, r) => ({
      id: randomUUID(),
      batchId,
      position: index * ratios.length + r,
      assetId: imageId,
      filename: images.get(imageId)!.filename,
      ratio,
      state: 'queued' as const,
    })),
  );
  const db = await getDb();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(batches)
      .values({
        id: batchId,
        recipeName: recipe.name,
        recipe: {
          prompt: recipe.prompt,
          options: recipe.options,
          referenceIds: recipe.referenceIds,
          ratios: recipe.ratios,
          maskRule: recipe.maskRule,
        },
        maskId: recipe.maskId,
        state: 'running',
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: batches.id });
    if (inserted.length === 0) return;
    // In chunks: one statement's parameters are bounded (500 images × 13 ratios × 7 columns would pass 65k).
    for (let i = 0; i < items.length; i += 500) await tx.insert(batchItems).values(items.slice(i, i + 500));
  });
  wakeBatchFeeder();
  const view = await getBatch(batchId);
  return view ? ok(view) : fail('server:error', 'The batch was saved but could not be read back.');
}

async function statusCounts(batchIds: readonly string[]): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>();
  if (batchIds.length === 0) return counts;
  const db = await getDb();
  const result = await db.execute(sql`
    select i.batch_id, ${ITEM_STATUS} as status, count(*)::int as n
    from batch_items i left join jobs j on j.id = i.job_id
    where i.batch_id in (${sql.join(
      batchIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    group by 1, 2`);
  for (const row of rowsOf<{ batch_id: string; status: ItemStatus; n: number }>(result)) {
    const entry = counts.get(row.batch_id) ?? emptyCounts();
    if (ITEM_STATUSES.includes(row.status)) entry[row.status] += Number(row.n);
    counts.set(row.batch_id, entry);
  }
  return counts;
}

function emptyCounts(): StatusCounts {
  return { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
}

function batchView(row: BatchRow, counts: StatusCounts): BatchView {
  const end = row.finishedAt?.getTime() ?? Date.now();
  const progress = batchProgress(counts, end - row.createdAt.getTime());
  return {
    id: row.id,
    recipeName: row.recipeName,
    state: row.state,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    progress,
    controls: batchControls(row.state, progress),
  };
}

/** The newest batches, for the gallery's cards. */
export async function listBatches(limit = 20): Promise<BatchView[]> {
  const db = await getDb();
  const rows = await db.select().from(batches).orderBy(desc(batches.createdAt)).limit(limit);
  const counts = await statusCounts(rows.map((row) => row.id));
  return rows.map((row) => batchView(row, counts.get(row.id) ?? emptyCounts()));
}

export async function getBatch(id: string): Promise<BatchView | null> {
  const db = await getDb();
  const [row] = await db.select().from(batches).where(eq(batches.id, id)).limit(1);
  if (!row) return null;
  return batchView(row, (await statusCounts([id])).get(id) ?? emptyCounts());
}

/** Every item of a batch with its original and its first result, for the grid and the side-by-side review. */
export async function listBatchItems(batchId: string): Promise<BatchItemView[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    select i.id, i.position, i.filename, i.ratio, i.asset_id, i.job_id, i.error_message,
      ${ITEM_STATUS} as status, j.error_message as job_error,
      (select r.asset_id from job_results r where r.job_id = j.id
        and not exists (select 1 from deleted_results d where d.job_id = r.job_id and d.position = r.position)
        order by r.position limit 1) as result_id
    from batch_items i left join jobs j on j.id = i.job_id
    where i.batch_id = ${batchId}
    order by i.position`);
  return rowsOf<{
    id: string;
    position: number;
    filename: string;
    ratio: string | null;
    asset_id: string;
    job_id: string | null;
    error_message: string | null;
    status: ItemStatus;
    job_error: string | null;
    result_id: string | null;
  }>(result).map((row) => ({
    id: row.id,
    position: Number(row.position),
    filename: row.filename,
    ratio: row.ratio,
    status: row.status,
    jobId: row.job_id,
    originalUrl: `/api/assets/${row.asset_id}`,
    originalThumbUrl: `/api/assets/${row.asset_id}?variant=thumb`,
    resultUrl: row.result_id ? `/api/assets/${row.result_id}` : null,
    resultThumbUrl: row.result_id ? `/api/assets/${row.result_id}?variant=thumb` : null,
    error:
      row.status === 'failed'
        ? (row.error_message ?? row.job_error ?? 'Its task was deleted.')
        : row.status === 'cancelled'
          ? 'Cancelled with the batch.'
          : null,
  }));
}

/** Pause: no new task starts; the ones under way finish. Resume: the feeder takes the batch on again. */
export async function setBatchPaused(id: string, paused: boolean): Promise<Result<BatchView>> {
  const db = await getDb();
  const from: BatchState = paused ? 'running' : 'paused';
  const changed = await db
    .update(batches)
    .set({ state: paused ? 'paused' : 'running' })
    .where(and(eq(batches.id, id), eq(batches.state, from)))
    .returning({ id: batches.id });
  if (changed.length === 0) return stateRefusal(id, paused ? 'paused' : 'resumed');
  if (!paused) wakeBatchFeeder();
  return viewOrMissing(id);
}

/**
 * Cancel batch: queued items never start, and the tasks under way are cancelled like the gallery's Cancel (no
 * longer followed; upstream has no cancel call, so one may still be billed). Done and failed items stay.
 */
export async function cancelBatch(id: string): Promise<Result<BatchView>> {
  const db = await getDb();
  const changed = await db
    .update(batches)
    .set({ state: 'cancelled', finishedAt: new Date() })
    .where(and(eq(batches.id, id), inArray(batches.state, ['running', 'paused'])))
    .returning({ id: batches.id });
  if (changed.length === 0) return stateRefusal(id, 'cancelled');
  await db
    .update(batchItems)
    .set({ state: 'cancelled', updatedAt: new Date() })
    .where(and(eq(batchItems.batchId, id), eq(batchItems.state, 'queued')));
  const running = await db.execute(sql`
    select j.id from batch_items i join jobs j on j.id = i.job_id
    where i.batch_id = ${id} and j.phase <> 'done'`);
  for (const { id: jobId } of rowsOf<{ id: string }>(running)) await cancelJob(jobId);
  return viewOrMissing(id);
}

/**
 * Retry failed: the failed items alone go back in the queue, each under a new attempt (a new idempotency key, so
 * a new task); finished items are left as they are. A finished batch runs again for them.
 */
export async function retryFailedItems(id: string): Promise<Result<BatchView>> {
  const db = await getDb();
  const [batch] = await db.select().from(batches).where(eq(batches.id, id)).limit(1);
  if (!batch) return fail('form:invalid', 'This batch no longer exists; reload the page.');
  if (batch.state === 'cancelled') {
    return fail('form:invalid', 'This batch was cancelled; start a new batch to run its images again.');
  }
  const failed = await db.execute(sql`
    select i.id from batch_items i left join jobs j on j.id = i.job_id
    where i.batch_id = ${id} and ${ITEM_STATUS} = 'failed'`);
  const ids = rowsOf<{ id: string }>(failed).map((row) => row.id);
  if (ids.length === 0) return fail('form:invalid', 'No item of this batch has failed; there is nothing to retry.');
  await db.transaction(async (tx) => {
    await tx
      .update(batchItems)
      .set({
        state: 'queued',
        jobId: null,
        errorMessage: null,
        attempt: sql`${batchItems.attempt} + 1`,
        updatedAt: new Date(),
      })
      .where(inArray(batchItems.id, ids));
    if (batch.state === 'done') {
      await tx.update(batches).set({ state: 'running', finishedAt: null }).where(eq(batches.id, id));
    }
  });
  wakeBatchFeeder();
  return viewOrMissing(id);
}

async function viewOrMissing(id: string): Promise<Result<BatchView>> {
  const view = await getBatch(id);
  return view ? ok(view) : fail('form:invalid', 'This batch no longer exists; reload the page.');
}

async function stateRefusal(id: string, verb: string): Promise<Result<BatchView>> {
  const view = await getBatch(id);
  if (!view) return fail('form:invalid', 'This batch no longer exists; reload the page.');
  return fail('form:invalid', `This batch is ${view.state} and cannot be ${verb}.`);
}

/** Every live result of a batch, for Add to board. */
export async function batchResultKeys(batchId: string): Promise<{ jobId: string; position: number }[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    select r.job_id, r.position from batch_items i join job_results r on r.job_id = i.job_id
    where i.batch_id = ${batchId} and i.state = 'submitted'
      and not exists (select 1 from deleted_results d where d.job_id = r.job_id and d.position = r.position)
    order by i.position, r.position`);
  return rowsOf<{ job_id: string; position: number }>(result).map((row) => ({
    jobId: row.job_id,
    position: Number(row.position),
  }));
}
