import { guardRoute } from '@/lib/server/guard';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound, sharedFilename } from '@/lib/server/share/responses';
import { resolveShare } from '@/lib/server/share/shares';
import { blobStore } from '@/lib/server/storage/blobs';

export const dynamic = 'force-dynamic';

/**
 * A shared result at full quality, for anyone holding the link; `?download=1` as a file. Checked against the
 * database on every request, so a revoked or expired link answers 404 at once.
 */
async function get(
  request: Request,
  context: { params: Promise<{ token: string; position: string }> },
): Promise<Response> {
  const { token, position } = await context.params;
  const shared = await resolveShare(token);
  const result = shared?.results.find((r) => String(r.position) === position);
  if (!result) return shareNotFound();
  const { asset } = result;
  const etag = `"${asset.sha256}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const blob = await blobStore().stream(asset.sha256);
  if (!blob) return shareNotFound();

  const headers = new Headers({
    'Content-Type': asset.mime,
    'Content-Length': String(blob.size),
    'Cache-Control': SHARED_IMAGE_CACHE,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  });
  if (new URL(request.url).searchParams.get('download') === '1') {
    headers.set('Content-Disposition', `attachment; filename="${sharedFilename(asset.mime, result.position)}"`);
  }
  return new Response(blob.body, { headers });
}

export const GET = guardRoute(get, { access: 'public' });
