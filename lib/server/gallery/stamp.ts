import 'server-only';
import { count, max, sql } from 'drizzle-orm';
import { getDb } from '../storage/db';
import { approvals, boardItems, boards, deletedResults, jobs, reviewDecisions, stars } from '../storage/schema';

/**
 * A short string that changes whenever anything the gallery shows changes, on any instance: a task created or
 * updated (every status, progress and result write sets `updated_at`), a result deleted or restored (the count of
 * deletions goes down on undo), a star, a decision (the team's or a client's), a board or a board item added or removed (counts and latest
 * times). Read from the database only, so a tab asking every few seconds costs a few aggregate queries and never an
 * upstream call.
 */
export async function galleryStamp(): Promise<string> {
  const db = await getDb();
  const [[job], [deletion], [curation]] = await Promise.all([
    db.select({ n: count(), latest: max(jobs.updatedAt) }).from(jobs),
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
  return [job?.n ?? 0, time(job?.latest), deletion?.n ?? 0, time(deletion?.latest), curationPart].join('.');
}
