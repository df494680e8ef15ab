import 'server-only';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Job, JobResultView, JobStatus } from '@/lib/jobs/types';
import { assetView, findAssets } from '../assets';
import { findExpansions } from '../expand/repository';
import { findRestores, restoreView } from '../restore/repository';
import { getDb } from '../storage/db';
import { assets, jobResults, jobs, type JobRow } from '../storage/schema';

export type NewJob = Pick<
  JobRow,
  'id' | 'idempotencyKey' | 'engine' | 'prompt' | 'options' | 'referenceIds' | 'maskId'
> & { startPoint?: JobRow['startPoint']; createdBy?: string | null };

/**
 * Inserts the job, or returns the one already made for this idempotency key (a double click, a resubmitted form,
 * a retried action): one Generate, one task.
 */
export async function insertJobOnce(job: NewJob): Promise<{ row: JobRow; created: boolean }> {
  const db = await getDb();
  const inserted = await db
    .insert(jobs)
    .values({ ...job, status: 'queued', phase: 'upload' })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const [existing] = await db.select().from(jobs).where(eq(jobs.idempotencyKey, job.idempotencyKey)).limit(1);
  if (!existing) throw new Error('Job vanished between insert and select');
  return { row: existing, created: false };
}

export async function findJobRow(id: string): Promise<JobRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

export async function updateJob(id: string, patch: Partial<Omit<JobRow, 'id'>>): Promise<void> {
  const db = await getDb();
  await db
    .update(jobs)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(jobs.id, id));
}

/** Records a mirrored result; idempotent per (job, position) so a retried download never duplicates. */
export async function addJobResult(jobId: string, position: number, assetId: string): Promise<void> {
  const db = await getDb();
  await db.insert(jobResults).values({ jobId, position, assetId }).onConflictDoNothing();
}

export async function resultPositions(jobId: string): Promise<Set<number>> {
  const db = await getDb();
  const rows = await db.select({ position: jobResults.position }).from(jobResults).where(eq(jobResults.jobId, jobId));
  return new Set(rows.map((row) => row.position));
}

/** Newest first, as the gallery shows them. */
export async function listJobViews(limit = 50): Promise<Job[]> {
  const db = await getDb();
  const rows = await db.select().from(jobs).orderBy(desc(jobs.createdAt)).limit(limit);
  return toJobViews(rows);
}

export async function listJobViewsByIds(ids: readonly string[]): Promise<Job[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  return toJobViews(
    await db
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [...ids]))
      .orderBy(desc(jobs.createdAt)),
  );
}

export async function getJobView(id: string): Promise<Job | null> {
  const row = await findJobRow(id);
  if (!row) return null;
  const [view] = await toJobViews([row]);
  return view ?? null;
}

export async function toJobViews(rows: JobRow[]): Promise<Job[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const jobIds = rows.map((row) => row.id);
  const results = await db
    .select({ jobId: jobResults.jobId, position: jobResults.position, asset: assets })
    .from(jobResults)
    .innerJoin(assets, eq(assets.id, jobResults.assetId))
    .where(inArray(jobResults.jobId, jobIds))
    .orderBy(asc(jobResults.position));
  const references = await findAssets([
    ...new Set(rows.flatMap((row) => (row.maskId ? [...row.referenceIds, row.maskId] : row.referenceIds))),
  ]);
  const assetById = new Map(references.map((row) => [row.id, assetView(row)]));
  const expansions = await findExpansions(jobIds);
  const restores = await findRestores(jobIds);

  return rows.map((row) => ({
    id: row.id,
    status: viewStatus(row),
    progress: row.status === 'completed' ? 100 : row.progress,
    prompt: row.prompt,
    options: row.options,
    engine: row.engine,
    references: row.referenceIds.flatMap((id) => assetById.get(id) ?? []),
    hasMask: row.maskId !== null,
    mask: row.maskId ? (assetById.get(row.maskId) ?? null) : null,
    startPoint: row.startPoint,
    results: results
      .filter((result) => result.jobId === row.id)
      .map((result) => {
        const asset = assetView(result.asset);
        const restore = restores.get(`${row.id}/${result.position}`);
        return {
          position: result.position,
          asset,
          downloadUrl: `${asset.url}?download=1`,
          ...generatedViewOf(restore?.generatedAssetId ?? null),
          restore: restoreView(restore),
        };
      }),
    error:
      row.status === 'failed'
        ? { code: row.errorCode ?? 'failed', message: row.errorMessage ?? 'The task failed.' }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expansion: expansions.get(row.id) ?? null,
  }));
}

/** An uncertain task is stored as failed with code `uncertain` (the status column keeps its meaning); shown apart. */
function viewStatus(row: JobRow): JobStatus {
  return row.status === 'failed' && row.errorCode === 'uncertain' ? 'uncertain' : row.status;
}

/** The model's own output ("As generated"): our URLs for it; null when the shown image is that output. */
function generatedViewOf(
  id: string | null,
): Pick<JobResultView, 'generatedAssetId' | 'generatedUrl' | 'generatedDownloadUrl'> {
  if (!id) return { generatedAssetId: null, generatedUrl: null, generatedDownloadUrl: null };
  return {
    generatedAssetId: id,
    generatedUrl: `/api/assets/${id}`,
    generatedDownloadUrl: `/api/assets/${id}?download=1`,
  };
}
