import { resolveBoardShare } from '@/lib/server/curation/board-shares';
import { guardRoute } from '@/lib/server/guard';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { blobStore } from '@/lib/server/storage/blobs';

export const dynamic = 'force-dynamic';

/**
 * One image of a shared board (`?variant=thumb` for its thumbnail), for anyone holding the link. Checked against
 * the database on every request: a revoked link, a deleted board or a result taken off it answers 404 at once.
 */
async function get(
  request: Request,
  context: { params: Promise<{ token: string; jobId: string; position: string }> },
): Promise<Response> {
  const { token, jobId, position } = await context.params;
  const shared = await resolveBoardShare(token);
  const item = shared?.items.find((i) => i.jobId === jobId && String(i.position) === position);
  if (!item) return shareNotFound();
  const thumb = new URL(request.url).searchParams.get('variant') === 'thumb' && item.asset.thumbSha256;
  const key = thumb || item.asset.sha256;
  const etag = `"${key}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const blob = await blobStore().stream(key);
  if (!blob) return shareNotFound();
  return new Response(blob.body, {
    headers: {
      'Content-Type': thumb ? 'image/webp' : item.asset.mime,
      'Content-Length': String(blob.size),
      'Cache-Control': SHARED_IMAGE_CACHE,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
