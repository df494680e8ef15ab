import 'server-only';
import { count, max } from 'drizzle-orm';
import { getDb } from '../storage/db';
import { deletedResults, jobs } from '../storage/schema';

/**
 * A short string that changes whenever anything the gallery shows changes, on any instance: a task created or
 * updated (every status, progress and result write sets `updated_at`), a result deleted or restored (the count of
 * deletions goes down on undo). Read from the database only, so a tab asking every few seconds costs two aggregate
 * queries and never an upstream call.
 */
export async function galleryStamp(): Promise<string> {
  const db = await getDb();
  const [[job], [deletion]] = await Promise.all([
    db.select({ n: count(), latest: max(jobs.updatedAt) }).from(jobs),
    db.select({ n: count(), latest: max(deletedResults.deletedAt) }).from(deletedResults),
  ]);
  const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0);
  return [job?.n ?? 0, time(job?.latest), deletion?.n ?? 0, time(deletion?.latest)].join('.');
}
