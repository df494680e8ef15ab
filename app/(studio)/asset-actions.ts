'use server';

import { z } from 'zod';
import { fail, type Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import { referenceFromAsset } from '@/lib/server/assets';
import { deleteResult, restoreResult } from '@/lib/server/gallery/list';
import { guardAction } from '@/lib/server/guard';
import { recordWhenDone } from '@/lib/server/people/activity';

const resultRef = z.object({ jobId: z.uuid(), position: z.number().int().min(0).max(100) });

/** Use as reference / Make base: a new reference over the stored result's bytes, nothing uploaded again. */
export async function referenceFromResult(assetId: unknown, filename: unknown): Promise<Result<AssetView>> {
  const id = z.uuid().safeParse(assetId);
  const name = z.string().min(1).max(200).safeParse(filename);
  if (!id.success || !name.success) return fail('reference:not_found', 'That image could not be found.');
  return guardAction('referenceFromResult', 'generate', () => referenceFromAsset(id.data, name.data));
}

export async function deleteGalleryResult(input: unknown): Promise<Result<{ jobId: string; position: number }>> {
  const parsed = resultRef.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'That result could not be found.');
  return guardAction('deleteGalleryResult', 'curate', (actor) =>
    deleteResult(parsed.data.jobId, parsed.data.position).then(recordWhenDone(actor, 'result.deleted', (d) => d)),
  );
}

export async function undoDeleteGalleryResult(input: unknown): Promise<Result<{ jobId: string; position: number }>> {
  const parsed = resultRef.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'That result could not be found.');
  return guardAction('undoDeleteGalleryResult', 'curate', () => restoreResult(parsed.data.jobId, parsed.data.position));
}
