import 'server-only';
import { and, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ok, type Result } from '@/lib/errors';
import type { Job } from '@/lib/jobs/types';
import { toJobViews } from '../jobs/repository';
import { getDb } from '../storage/db';
import { deletedResults, jobs } from '../storage/schema';

export const GALLERY_PAGE_SIZE = 24;

export const galleryFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']).optional(),
  /** `<createdAt ISO>_<id>` of the last job on the previous page. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(GALLERY_PAGE_SIZE),
});
export type GalleryFilter = z.input<typeof galleryFilterSchema>;

export interface GalleryPage {
  jobs: Job[];
  nextCursor: string | null;
}

/**
 * One page of the gallery, newest first, by keyset (created_at, id) so page n costs the same as page 1 at 2,000
 * tasks, and a task arriving meanwhile never shifts the next page. Deleted results are left out.
 */
export async function listGalleryPage(filter: z.output<typeof galleryFilterSchema>): Promise<GalleryPage> {
  const db = await getDb();
  const where: SQL[] = [];
  if (filter.q) where.push(ilike(jobs.prompt, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.status) where.push(eq(jobs.status, filter.status));
  if (filter.cursor) {
    const split = filter.cursor.lastIndexOf('_');
    const at = new Date(filter.cursor.slice(0, split));
    const id = filter.cursor.slice(split + 1);
    where.push(or(lt(jobs.createdAt, at), and(eq(jobs.createdAt, at), lt(jobs.id, id)))!);
  }
  const rows = await db
    .select()
    .from(jobs)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const views = await withoutDeletedResults(await toJobViews(page));
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null;
  return { jobs: views, nextCursor };
}

/** The same jobs without the results the user deleted (the gallery, a set's ZIP). */
export async function withoutDeletedResults(views: Job[]): Promise<Job[]> {
  if (views.length === 0) return views;
  const db = await getDb();
  const hidden = await db
    .select({ jobId: deletedResults.jobId, position: deletedResults.position })
    .from(deletedResults)
    .where(
      inArray(
        deletedResults.jobId,
        views.map((job) => job.id),
      ),
    );
  if (hidden.length === 0) return views;
  const keys = new Set(hidden.map((row) => `${row.jobId}/${row.position}`));
  return views.map((job) => ({ ...job, results: job.results.filter((r) => !keys.has(`${job.id}/${r.position}`)) }));
}

/** Hides a result; `restoreResult` is its Undo. */
export async function deleteResult(
  jobId: string,
  position: number,
): Promise<Result<{ jobId: string; position: number }>> {
  const db = await getDb();
  await db.insert(deletedResults).values({ jobId, position }).onConflictDoNothing();
  return ok({ jobId, position });
}

export async function restoreResult(
  jobId: string,
  position: number,
): Promise<Result<{ jobId: string; position: number }>> {
  const db = await getDb();
  await db.delete(deletedResults).where(and(eq(deletedResults.jobId, jobId), eq(deletedResults.position, position)));
  return ok({ jobId, position });
}
