import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { frameForRatio, type ExpandFrame, type Size } from '@/lib/expand/geometry';
import type { JobExpansion } from '@/lib/jobs/types';
import type { FixedRatio } from '@/lib/jobs/options';
import { assetView, findAssets } from '../assets';
import { getDb } from '../storage/db';
import { jobExpansions, jobSets, type JobExpansionRow } from '../storage/schema';

export async function insertSetOnce(id: string, prompt: string): Promise<void> {
  const db = await getDb();
  await db.insert(jobSets).values({ id, prompt }).onConflictDoNothing();
}

export async function insertExpansionOnce(row: JobExpansionRow): Promise<void> {
  const db = await getDb();
  await db.insert(jobExpansions).values(row).onConflictDoNothing();
}

/** A retried task is the same expansion (and stays in its set), so Edit again and the set card keep working. */
export async function copyExpansion(fromJobId: string, toJobId: string): Promise<void> {
  const db = await getDb();
  const [row] = await db.select().from(jobExpansions).where(eq(jobExpansions.jobId, fromJobId)).limit(1);
  if (row) await insertExpansionOnce({ ...row, jobId: toJobId });
}

export async function setJobIds(setId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ jobId: jobExpansions.jobId })
    .from(jobExpansions)
    .where(eq(jobExpansions.setId, setId));
  return rows.map((row) => row.jobId);
}

/** The expansion of each of these jobs that has one, with its original and painted mask as views. */
export async function findExpansions(jobIds: readonly string[]): Promise<Map<string, JobExpansion>> {
  if (jobIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select()
    .from(jobExpansions)
    .where(inArray(jobExpansions.jobId, [...jobIds]));
  if (rows.length === 0) return new Map();
  const assetIds = [
    ...new Set(rows.flatMap((row) => (row.paintedMaskId ? [row.sourceId, row.paintedMaskId] : [row.sourceId]))),
  ];
  const assetById = new Map((await findAssets(assetIds)).map((asset) => [asset.id, assetView(asset)]));
  return new Map(
    rows.map((row) => [
      row.jobId,
      {
        setId: row.setId,
        ratio: row.ratio as FixedRatio,
        frame: storedFrame(row, assetById.get(row.sourceId)),
        placement: row.placement,
        canvas: { width: row.canvasWidth, height: row.canvasHeight },
        offset: { x: row.offsetX, y: row.offsetY },
        scale: row.scale,
        source: assetById.get(row.sourceId) ?? null,
        paintedMask: row.paintedMaskId ? (assetById.get(row.paintedMaskId) ?? null) : null,
      },
    ]),
  );
}

/**
 * The frame in the original's pixels. Rows from before edge dragging have none: their canvas was the smallest of the
 * ratio, which the original's size and the placement rebuild exactly (the scaled canvas only approximately).
 */
function storedFrame(row: JobExpansionRow, source: Size | undefined): ExpandFrame {
  const ratio = row.ratio as FixedRatio;
  if (row.frame) return { ratio, canvas: row.frame.canvas, offset: row.frame.offset };
  if (source) return frameForRatio(source, ratio, row.placement);
  const unscale = (value: number) => Math.round(value / row.scale);
  return {
    ratio,
    canvas: { width: unscale(row.canvasWidth), height: unscale(row.canvasHeight) },
    offset: { x: unscale(row.offsetX), y: unscale(row.offsetY) },
  };
}
