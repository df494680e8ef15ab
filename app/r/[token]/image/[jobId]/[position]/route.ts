import { guardRoute } from '@/lib/server/guard';
import { activeReview, candidatesFor, isApproved } from '@/lib/server/reviews/review-link';
import { watermarkedImage } from '@/lib/server/reviews/watermark';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { blobStore } from '@/lib/server/storage/blobs';

export const dynamic = 'force-dynamic';

/**
 * One candidate of a review link (`?variant=thumb` for a small one). Checked against the database on every request:
 * a revoked or expired link, or a result no longer in the review, answers 404 at once. With a watermark, the image
 * is the watermarked copy until a reviewer approves that candidate; the clean bytes never leave before.
 */
async function get(
  request: Request,
  context: { params: Promise<{ token: string; jobId: string; position: string }> },
): Promise<Response> {
  const { token, jobId, position } = await context.params;
  const review = await activeReview(token);
  const candidate = review
    ? (await candidatesFor(review)).find((c) => c.jobId === jobId && String(c.position) === position)
    : undefined;
  if (!review || !candidate) return shareNotFound();
  const thumb = new URL(request.url).searchParams.get('variant') === 'thumb';
  const headers = { 'Cache-Control': SHARED_IMAGE_CACHE, 'X-Content-Type-Options': 'nosniff' };

  if (review.watermark && !(await isApproved(review.id, jobId, candidate.position))) {
    const made = await watermarkedImage(review.watermark, candidate.asset, thumb ? 'thumb' : 'full', request.signal);
    if (!made.ok) {
      return new Response(made.reason === 'busy' ? 'Busy; try again in a moment.' : 'Not found', {
        status: made.reason === 'busy' ? 429 : 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '2' },
      });
    }
    const cached = notModified(request, made.etag);
    if (cached) {
      await made.body.cancel();
      return cached;
    }
    return new Response(made.body, {
      headers: { ...headers, 'Content-Type': 'image/jpeg', 'Content-Length': String(made.size), ETag: made.etag },
    });
  }

  const key = (thumb && candidate.asset.thumbSha256) || candidate.asset.sha256;
  const etag = `"${key}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const blob = await blobStore().stream(key);
  if (!blob) return shareNotFound();
  return new Response(blob.body, {
    headers: {
      ...headers,
      'Content-Type': key === candidate.asset.sha256 ? candidate.asset.mime : 'image/webp',
      'Content-Length': String(blob.size),
      ETag: etag,
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
