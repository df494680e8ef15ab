import 'server-only';
import { fail, ok, type Result } from '@/lib/errors';
import { findAsset } from '../assets';
import { getJobView } from '../jobs/repository';
import { blobStore } from '../storage/blobs';

/** A result's bytes as an attachment: the shown (restored) image, or the model's own output when kept apart. */
export async function resultDownload(
  jobId: string,
  position: number,
  variant: 'restored' | 'generated',
): Promise<Result<Response>> {
  const job = /^[0-9a-f-]{36}$/.test(jobId) ? await getJobView(jobId) : null;
  if (!job) return fail('job:not_found', `No task with the id ${jobId.slice(0, 40)}.`, { field: 'id' });
  const result = job.results.find((r) => r.position === position);
  if (!result)
    return fail('result:not_found', `The task has no result at position ${position}.`, { field: 'position' });
  const assetId = variant === 'generated' ? result.generatedAssetId : result.asset.id;
  if (!assetId) {
    return fail(
      'result:not_found',
      'This result has no separate "as generated" image: nothing was restored, so the result is the model’s own output.',
      { field: 'variant' },
    );
  }
  const asset = await findAsset(assetId);
  const blob = asset ? await blobStore().stream(asset.sha256) : null;
  if (!asset || !blob) return fail('result:not_found', 'The result’s file is no longer stored.', { field: 'position' });
  return ok(
    new Response(blob.body, {
      headers: {
        'Content-Type': asset.mime,
        'Content-Length': String(blob.size),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(asset.filename)}`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    }),
  );
}
