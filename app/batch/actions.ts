'use server';

import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import {
  batchResultKeys,
  cancelBatch,
  getBatch,
  listBatches,
  listBatchItems,
  retryFailedItems,
  setBatchPaused,
  startBatch,
  type BatchItemView,
  type BatchView,
} from '@/lib/server/batches/batches';
import { listRecipes, type RecipeView } from '@/lib/server/batches/recipes';
import { addToBoard } from '@/lib/server/curation/boards';
import { guardAction } from '@/lib/server/guard';

/*
 * The Batch page's and the gallery card's actions: parse, check who is asking (guardAction), call lib/server.
 * Starting and steering a batch spends like Generate; reading one is viewing.
 */

const batchId = z.uuid();

function parsedId(input: unknown): string | null {
  const parsed = batchId.safeParse(input);
  return parsed.success ? parsed.data : null;
}

const GONE = 'This batch could not be found; reload the page.';

export async function getRecipes(): Promise<Result<RecipeView[]>> {
  return guardAction('getRecipes', 'view', async () => ok(await listRecipes()));
}

/** `{ recipeId, imageIds }`: the images were stored one by one through `addReference` (the reference intake). */
export async function startBatchAction(input: unknown): Promise<Result<BatchView>> {
  return guardAction('startBatch', 'generate', (actor) => startBatch(input, actor));
}

export async function getBatches(): Promise<Result<BatchView[]>> {
  return guardAction('getBatches', 'view', async () => ok(await listBatches()));
}

export async function getBatchDetail(input: unknown): Promise<Result<{ batch: BatchView; items: BatchItemView[] }>> {
  const id = parsedId(input);
  if (!id) return fail('batch:not_found', GONE);
  return guardAction('getBatchDetail', 'view', async () => {
    const batch = await getBatch(id);
    return batch ? ok({ batch, items: await listBatchItems(id) }) : fail('batch:not_found', GONE);
  });
}

export async function pauseBatch(input: unknown): Promise<Result<BatchView>> {
  const id = parsedId(input);
  if (!id) return fail('batch:not_found', GONE);
  return guardAction('pauseBatch', 'generate', () => setBatchPaused(id, true));
}

export async function resumeBatch(input: unknown): Promise<Result<BatchView>> {
  const id = parsedId(input);
  if (!id) return fail('batch:not_found', GONE);
  return guardAction('resumeBatch', 'generate', () => setBatchPaused(id, false));
}

export async function cancelBatchAction(input: unknown): Promise<Result<BatchView>> {
  const id = parsedId(input);
  if (!id) return fail('batch:not_found', GONE);
  return guardAction('cancelBatch', 'generate', () => cancelBatch(id));
}

export async function retryFailedAction(input: unknown): Promise<Result<BatchView>> {
  const id = parsedId(input);
  if (!id) return fail('batch:not_found', GONE);
  return guardAction('retryFailedBatchItems', 'generate', () => retryFailedItems(id));
}

/** Adds every result of the batch to a board, in the board's own chunks (all or none per chunk). */
export async function addBatchToBoard(input: unknown): Promise<Result<{ added: number }>> {
  const parsed = z.object({ batchId, boardId: z.string().min(1).max(100) }).safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'Choose a board to add the batch to.', { field: 'board' });
  return guardAction('addBatchToBoard', 'curate', async (actor) => {
    const keys = await batchResultKeys(parsed.data.batchId);
    if (keys.length === 0) return fail('batch:empty', 'This batch has no results to add yet.');
    let added = 0;
    for (let i = 0; i < keys.length; i += 200) {
      const result = await addToBoard(parsed.data.boardId, keys.slice(i, i + 200), actor);
      if (!result.ok) return result;
      added += result.data.added;
    }
    return ok({ added });
  });
}

export type { BatchItemView, BatchView, RecipeView };
