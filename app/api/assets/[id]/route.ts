import { findAsset } from '@/lib/server/assets';
import { blobStore } from '@/lib/server/storage/blobs';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f-]{36}$/;

/**
 * Serves a stored image from our own origin: the original bytes, `?variant=thumb`, or `?variant=thumb-small` (a
 * result's small thumbnail, the thumbnail where there is none); `?download=1` as a file.
 * Content-addressed bytes never change, so they may be cached for a long time.
 */
async function get(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  if (!UUID.test(id)) return notFound();
  const asset = await findAsset(id);
  if (!asset) return notFound();
  const url = new URL(request.url);
  const variant = url.searchParams.get('variant');
  const thumbKey =
    variant === 'thumb-small'
      ? (asset.smallThumbSha256 ?? asset.thumbSha256)
      : variant === 'thumb'
        ? asset.thumbSha256
        : null;
  const thumb = thumbKey !== null;
  const key = thumbKey ?? asset.sha256;
  const blob = await blobStore().stream(key);
  if (!blob) return notFound();

  const headers = new Headers({
    'Content-Type': thumb ? 'image/webp' : asset.mime,
    'Content-Length': String(blob.size),
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
  if (url.searchParams.get('download') === '1') {
    headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(asset.filename)}`);
  }
  return new Response(blob.body, { headers });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}

export const GET = guardRoute(get, { need: 'view' });
