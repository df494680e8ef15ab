import 'server-only';
import { zipSync, type Zippable } from 'fflate';
import { fail, ok, type Result } from '@/lib/errors';
import type { Job } from '@/lib/jobs/types';
import { findAssets } from '../assets';
import { withoutDeletedResults } from '../gallery/list';
import { listJobViewsByIds } from '../jobs/repository';
import { blobStore } from '../storage/blobs';
import { setJobIds } from './repository';

/**
 * Every result of a set the gallery still shows, in one ZIP named by ratio and pixel size (`16x9_1536x864.png`,
 * `_2` for a task's second image). Deleted results are left out, as in the gallery; where a ratio was retried, the
 * newest task with results counts. Refuses, with a sentence, a set that does not exist or has nothing to download:
 * an empty ZIP would look like a broken download. Stored uncompressed: PNG and JPEG bytes are already compressed.
 */
export async function buildSetZip(setId: string): Promise<Result<{ zip: Uint8Array; files: number }>> {
  const ids = await setJobIds(setId);
  if (ids.length === 0) return fail('set:not_found', 'This set does not exist (any more).');
  const jobs = await withoutDeletedResults(await listJobViewsByIds(ids));
  const newestByRatio = new Map<string, Job>();
  for (const job of [...jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (job.results.length > 0) newestByRatio.set(job.options.size, job);
  }
  const files: Zippable = {};
  const store = blobStore();
  for (const [ratio, job] of newestByRatio) {
    const rows = new Map((await findAssets(job.results.map((result) => result.asset.id))).map((row) => [row.id, row]));
    for (const [index, result] of job.results.entries()) {
      const row = rows.get(result.asset.id);
      if (!row) continue;
      const extension = row.mime === 'image/jpeg' ? 'jpg' : 'png';
      const name = `${ratio.replace(':', 'x')}_${row.width}x${row.height}${index > 0 ? `_${index + 1}` : ''}.${extension}`;
      files[name] = [await store.read(row.sha256), { level: 0 }];
    }
  }
  const count = Object.keys(files).length;
  if (count === 0) {
    return fail(
      'set:empty',
      'This set has no results to download: none has finished yet, or every result was deleted.',
    );
  }
  return ok({ zip: zipSync(files), files: count });
}
