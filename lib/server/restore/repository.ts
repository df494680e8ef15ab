import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { RestoreView } from '@/lib/jobs/restore';
import { getDb } from '../storage/db';
import { assets, resultRestores, type ResultRestoreRow } from '../storage/schema';

export type NewRestore = Omit<ResultRestoreRow, 'createdAt'>;

/** Records (or, after a retried download, replaces) what restoring one result did. */
export async function saveRestore(row: NewRestore): Promise<void> {
  const db = await getDb();
  const { generatedAssetId, state, reason, changedShare, meanDelta, shiftX, shiftY, scale } = row;
  await db
    .insert(resultRestores)
    .values(row)
    .onConflictDoUpdate({
      target: [resultRestores.jobId, resultRestores.position],
      set: { generatedAssetId, state, reason, changedShare, meanDelta, shiftX, shiftY, scale },
    });
}

/** Renames an asset's download name (the model's own output gets an "-as-generated" suffix). */
export async function renameAsset(id: string, filename: string): Promise<void> {
  const db = await getDb();
  await db.update(assets).set({ filename }).where(eq(assets.id, id));
}

/** The restoration rows of these jobs, keyed `jobId/position`. */
export async function findRestores(jobIds: readonly string[]): Promise<Map<string, ResultRestoreRow>> {
  if (jobIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select()
    .from(resultRestores)
    .where(inArray(resultRestores.jobId, [...jobIds]));
  return new Map(rows.map((row) => [`${row.jobId}/${row.position}`, row]));
}

/** The browser's view of a row: only what the card needs, no nulls. */
export function restoreView(row: ResultRestoreRow | undefined): RestoreView {
  if (!row) return { state: 'not_applicable' };
  return {
    state: row.state,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.changedShare !== null ? { changedShare: row.changedShare } : {}),
    ...(row.meanDelta !== null ? { meanDelta: row.meanDelta } : {}),
  };
}
