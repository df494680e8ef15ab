import 'server-only';
import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { ok, type Result } from '@/lib/errors';
import { APPROVAL_FILTERS } from '@/lib/jobs/gallery-filter';
import { LIVE_TASK_IDS_MAX } from '@/lib/jobs/live-tasks';
import type { Job } from '@/lib/jobs/types';
import type { Actor } from '../auth/actor';
import { ownsUnattributed } from '../curation/people';
import { resultIsLive } from '../curation/results';
import { toJobViews } from '../jobs/repository';
import { getDb } from '../storage/db';
import {
  approvals,
  boardItems,
  deletedResults,
  jobResults,
  jobs,
  reviewDecisions,
  stars,
  type JobRow,
} from '../storage/schema';
import { withCost } from './cost-view';
import { withCuration } from './curation-view';

export const GALLERY_PAGE_SIZE = 24;

const day = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

export const galleryFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']).optional(),
  /** `mine` or a person's id; absent for everyone. */
  by: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional(),
  starred: z
    .enum(['1', 'true'])
    .transform(() => true)
    .optional(),
  board: z
    .string()
    .regex(/^[\w-]{1,100}$/)
    .optional(),
  approval: z.enum(APPROVAL_FILTERS).optional(),
  /** `approved`: only results a client approved through a review link. */
  client: z.enum(['approved']).optional(),
  from: day.optional(),
  to: day.optional(),
  /** `<createdAt ISO>_<id>` of the last job on the previous page. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(GALLERY_PAGE_SIZE),
});
export type GalleryFilter = z.input<typeof galleryFilterSchema>;
type Filter = z.output<typeof galleryFilterSchema>;

/**
 * `?ids=`: the running tasks the gallery follows live (lib/jobs/live-tasks.ts), comma-separated task ids. Checked
 * apart from the filter: it asks for those tasks whatever the filter, and answers without a cursor.
 */
export const galleryIdsSchema = z.object({
  ids: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.uuid()).min(1).max(LIVE_TASK_IDS_MAX)),
});

export interface GalleryPage {
  jobs: Job[];
  nextCursor: string | null;
}

const DAY_MS = 86_400_000;

/** Whose tasks: the person's own, plus the rows from before people when that person is the owner. */
function madeBy(personId: string, viewer: Actor | null): SQL {
  const own = eq(jobs.createdBy, personId);
  return ownsUnattributed(personId, viewer) ? or(own, isNull(jobs.createdBy))! : own;
}

/**
 * What a result must be to show under the result-level filters (starred, board, approval, client), as SQL over a
 * (job id, position) pair; null when none is set. A task shows when one of its live results matches, with only
 * the matching results on its card.
 */
function resultMatches(filter: Filter, viewer: Actor | null, jobId: SQLWrapper, position: SQLWrapper) {
  const checks: SQL[] = [];
  if (filter.starred) {
    checks.push(
      sql`exists (select 1 from ${stars} where ${stars.jobId} = ${jobId} and ${stars.position} = ${position} and ${stars.personId} = ${viewer?.id ?? ''})`,
    );
  }
  if (filter.board) {
    checks.push(
      sql`exists (select 1 from ${boardItems} where ${boardItems.jobId} = ${jobId} and ${boardItems.position} = ${position} and ${boardItems.boardId} = ${filter.board})`,
    );
  }
  if (filter.approval) {
    const decided = sql`select 1 from ${approvals} where ${approvals.jobId} = ${jobId} and ${approvals.position} = ${position}`;
    checks.push(
      filter.approval === 'none'
        ? sql`not exists (${decided})`
        : sql`exists (${decided} and ${approvals.decision} = ${filter.approval})`,
    );
  }
  if (filter.client === 'approved') {
    checks.push(
      sql`exists (select 1 from ${reviewDecisions} where ${reviewDecisions.jobId} = ${jobId} and ${reviewDecisions.position} = ${position} and ${reviewDecisions.verdict} = 'approved')`,
    );
  }
  return checks.length > 0 ? and(...checks)! : null;
}

/**
 * One page of the gallery, newest first, by keyset (created_at, id) so page n costs the same as page 1 at 2,000
 * tasks, and a task arriving meanwhile never shifts the next page. Deleted results are left out. `viewer` decides
 * what `mine` and `starred` mean and which stars show as the viewer's own.
 */
export async function listGalleryPage(filter: Filter, viewer: Actor | null = null): Promise<GalleryPage> {
  const db = await getDb();
  // A batch's tasks show as its one card (components/batches), not as hundreds of cards of their own.
  const where: SQL[] = [sql`not exists (select 1 from batch_items bi where bi.job_id = ${jobs.id})`];
  if (filter.q) where.push(ilike(jobs.prompt, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.status) where.push(eq(jobs.status, filter.status));
  if (filter.by === 'mine') where.push(viewer ? madeBy(viewer.id, viewer) : sql`false`);
  else if (filter.by) where.push(madeBy(filter.by, viewer));
  if (filter.from) where.push(gte(jobs.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(jobs.createdAt, new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS)));
  const matching = resultMatches(filter, viewer, sql`r.job_id`, sql`r.position`);
  if (matching) {
    where.push(
      sql`exists (select 1 from ${jobResults} r where r.job_id = ${jobs.id} and ${resultIsLive(sql`r.job_id`, sql`r.position`)} and ${matching})`,
    );
  }
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
  let views = await galleryViews(page, viewer);
  if (matching && page.length > 0) views = await onlyMatchingResults(views, filter, viewer);
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null;
  return { jobs: views, nextCursor };
}

/**
 * These tasks exactly, as a gallery page shows them to `viewer` (the live query's answer): newest first, and a task
 * that no longer exists is simply absent.
 */
export async function listGalleryJobs(ids: readonly string[], viewer: Actor | null = null): Promise<Job[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(jobs)
    .where(inArray(jobs.id, [...ids]))
    .orderBy(desc(jobs.createdAt), desc(jobs.id));
  return galleryViews(rows, viewer);
}

/** Rows as the gallery shows them: without deleted results, with who made each, the viewer's curation, the cost. */
async function galleryViews(rows: JobRow[], viewer: Actor | null): Promise<Job[]> {
  const views = await withoutDeletedResults(await toJobViews(rows));
  const createdBy = new Map(rows.map((row) => [row.id, row.createdBy]));
  return withCost(await withCuration(views, createdBy, viewer));
}

/** Under a result-level filter, each card keeps only the results that match it (e.g. "approved only"). */
async function onlyMatchingResults(views: Job[], filter: Filter, viewer: Actor | null): Promise<Job[]> {
  const db = await getDb();
  const matching = resultMatches(filter, viewer, jobResults.jobId, jobResults.position)!;
  const rows = await db
    .select({ jobId: jobResults.jobId, position: jobResults.position })
    .from(jobResults)
    .where(
      and(
        inArray(
          jobResults.jobId,
          views.map((job) => job.id),
        ),
        matching,
      ),
    );
  const keys = new Set(rows.map((row) => `${row.jobId}/${row.position}`));
  return views.map((job) => ({ ...job, results: job.results.filter((r) => keys.has(`${job.id}/${r.position}`)) }));
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
