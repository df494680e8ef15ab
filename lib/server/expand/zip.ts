import 'server-only';
import { zipSync, type Zippable } from 'fflate';
import { listJobViewsByIds } from '../jobs/repository';
import { blobStore } from '../storage/blobs';
import { findAssets } from '../assets';
import { setJobIds } from './repository';

/**
 * Every result of a set in one ZIP, named by ratio and pixel size (`16x9_1536x864.png`, `_2` for a task's second
 * image). Where a ratio was retried, the newest task with results counts. Stored uncompressed: PNG and JPEG
 * bytes are already compressed, so deflating them again costs time for nothing.
 */
export async function buildSetZip(setId: string): Promise<Uint8Array | null> {
  const jobs = await listJobViewsByIds(await setJobIds(setId));
  if (jobs.length === 0) return null;
  const newestByRatio = new Map<string, (typeof jobs)[number]>();
  for (const job of [...jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (job.results.length > 0) newestByRatio.set(job.options.size, job);
  }
  const files: Zippable = {};
  const store = blobStore();
  for (const [ratio, job] of newestByRatio) {
    const rows = await findAssets(job.results.map((result) => result.asset.id));
    for (const [index, row] of rows.entries()) {
      const extension = row.mime === 'image/jpeg' ? 'jpg' : 'png';
      const name = `${ratio.replace(':', 'x')}_${row.width}x${row.height}${index > 0 ? `_${index + 1}` : ''}.${extension}`;
      files[name] = [await store.read(row.sha256), { level: 0 }];
    }
  }
  return zipSync(files);
}
