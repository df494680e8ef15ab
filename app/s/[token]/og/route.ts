import { guardRoute } from '@/lib/server/guard';
import { previewEtag, previewImage } from '@/lib/server/share/preview-image';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { resolveShare } from '@/lib/server/share/shares';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The link preview image of a share: made once per image and stored (lib/server/share/preview-image.ts), then
 * streamed from the blob store; a 304 when the client holds it already. The share is resolved on every request,
 * so a revoked link stops serving its preview at once.
 */
async function get(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const first = (await resolveShare(token))?.results[0];
  if (!first) return shareNotFound();
  const cached = notModified(request, previewEtag(first.asset));
  if (cached) return cached;
  const preview = await previewImage(first.asset, request.signal);
  if (!preview.ok) {
    if (preview.reason === 'missing') return shareNotFound();
    return new Response('Busy: try again in a few seconds.', {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '5' },
    });
  }
  return new Response(preview.body, {
    headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(preview.size),
      'Cache-Control': SHARED_IMAGE_CACHE,
      ETag: preview.etag,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
