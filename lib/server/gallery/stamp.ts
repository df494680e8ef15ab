import 'server-only';
import { count, inArray, max, sql } from 'drizzle-orm';
import { isFinal } from '@/lib/jobs/types';
import { getDb } from '../storage/db';
import { approvals, boardItems, boards, deletedResults, jobs, reviewDecisions, stars } from '../storage/schema';

/** The stored statuses a task ends in (`uncertain` is stored as `failed`). */
const SETTLED = jobs.status.enumValues.filter(isFinal);

/**
 * A short string that changes whenever anything the gallery shows changes, on any instance, except a running task's
 * progress: a task created or deleted (the count, the latest creation), any status change, retries included (a
 * count per status), any update to a finished task (the latest `updated_at` among them), a result deleted or
 * restored (the count of deletions goes down on undo), a star, a decision (the team's or a client's), a board or a
 * board item added or removed (counts and latest times).
 *
 * A running task's progress and phase writes move none of these on purpose: they would reload every loaded page of
 * every open gallery every few seconds while anything runs. The gallery follows its running tasks with its own
 * live query instead (`/api/jobs?ids=`, lib/jobs/live-tasks.ts). Read from the database only, so a tab asking every
 * few seconds costs a few aggregate queries and never an upstream call.
 */
export async function galleryStamp(): Promise<string> {
  const db = await getDb();
  const [[job], [deletion], [curation]] = await Promise.all([
    db
      .select({
        n: count(),
        created: max(jobs.createdAt),
        statuses: sql<string>`concat_ws('.', ${sql.join(
          jobs.status.enumValues.map((status) => sql`count(*) filter (where ${jobs.status} = ${status})`),
          sql`, `,
        )})`,
        settled: sql<Date | string | null>`max(${jobs.updatedAt}) filter (where ${inArray(jobs.status, SETTLED)})`,
      })
      .from(jobs),
    db.select({ n: count(), latest: max(deletedResults.deletedAt) }).from(deletedResults),
    db
      .select({
        stars: sql<string>`(select count(*) || '.' || coalesce(max(${stars.createdAt})::text, '') from ${stars})`,
        approvals: sql<string>`(select count(*) || '.' || coalesce(max(${approvals.decidedAt})::text, '') from ${approvals})`,
        boards: sql<string>`(select count(*) || '.' || coalesce(max(${boardItems.addedAt})::text, '') from ${boardItems})`,
        clients: sql<string>`(select count(*) || '.' || coalesce(greatest(max(${reviewDecisions.verdictAt}), max(${reviewDecisions.pickedAt}))::text, '') from ${reviewDecisions})`,
        names: sql<string>`(select count(*) || '.' || md5(coalesce(string_agg(${boards.name}, ',' order by ${boards.id}), '')) from ${boards})`,
      })
      .from(sql`(select 1) as one`),
  ]);
  const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0);
  const curationPart = curation
    ? [curation.stars, curation.approvals, curation.boards, curation.clients, curation.names].join('/')
    : '';
  const jobPart = job ? [job.n, time(job.created), job.statuses, time(job.settled)].join('.') : '';
  return [jobPart, deletion?.n ?? 0, time(deletion?.latest), curationPart].join('.');
}
