import { guardRoute } from '@/lib/server/guard';
import { activeReview, beforeAsset } from '@/lib/server/reviews/review-link';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { blobStore } from '@/lib/server/storage/blobs';

export const dynamic = 'force-dynamic';

/**
 * The base image of a candidate's task, when the sharer included it (the "before" of a before/after). The client's
 * own original, so never watermarked. 404 at once once the link is revoked or expired.
 */
async function get(
  request: Request,
  context: { params: Promise<{ token: string; jobId: string }> },
): Promise<Response> {
  const { token, jobId } = await context.params;
  const review = await activeReview(token);
  const asset = review ? await beforeAsset(review, jobId) : null;
  if (!asset) return shareNotFound();
  const etag = `"${asset.sha256}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const blob = await blobStore().stream(asset.sha256);
  if (!blob) return shareNotFound();
  return new Response(blob.body, {
    headers: {
      'Content-Type': asset.mime,
      'Content-Length': String(blob.size),
      'Cache-Control': SHARED_IMAGE_CACHE,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
