import 'server-only';
import { sql } from 'drizzle-orm';
import { batchZipNames } from '@/lib/batches/zip-names';
import { fail, ok, type Result } from '@/lib/errors';
import { zipStream, type SetZip, type ZipEntry } from '../expand/zip';
import { getDb, rowsOf } from '../storage/db';
import { sharedWorkLimit } from '../work-limit';

/** Batch ZIPs streamed at once per process, and waiting; beyond that the route answers 429 (as set ZIPs). */
export function batchZipLimit() {
  return sharedWorkLimit('batch-zip', { concurrency: 2, queue: 4 });
}

/**
 * Every result of a batch the gallery still shows, named after its original (and ratio), streamed as it is
 * written like a set's ZIP: 500 images × a few MB must never be built in memory. Refuses, with a sentence, a batch
 * that does not exist or has nothing to download yet.
 */
export async function openBatchZip(batchId: string): Promise<Result<SetZip>> {
  const db = await getDb();
  const exists = rowsOf(await db.execute(sql`select 1 from batches where id = ${batchId}`));
  if (exists.length === 0) return fail('batch:not_found', 'This batch does not exist (any more).');
  const result = await db.execute(sql`
    select i.filename, i.ratio, r.position, a.sha256, a.mime
    from batch_items i
    join jobs j on j.id = i.job_id and j.status = 'completed'
    join job_results r on r.job_id = j.id
    join assets a on a.id = r.asset_id
    where i.batch_id = ${batchId} and i.state = 'submitted'
      and not exists (select 1 from deleted_results d where d.job_id = r.job_id and d.position = r.position)
    order by i.position, r.position`);
  const rows = rowsOf<{ filename: string; ratio: string | null; position: number; sha256: string; mime: string }>(
    result,
  );
  if (rows.length === 0) {
    return fail(
      'batch:empty',
      'This batch has no results to download: none has finished yet, or every result was deleted.',
    );
  }
  const names = batchZipNames(
    rows.map((row) => ({
      original: row.filename,
      ratio: row.ratio,
      position: Number(row.position),
      extension: row.mime === 'image/jpeg' ? 'jpg' : 'png',
    })),
  );
  const entries: ZipEntry[] = rows.map((row, index) => ({ name: names[index]!, sha256: row.sha256 }));
  return ok({ files: entries.length, stream: (onEnd) => zipStream(entries, onEnd) });
}
