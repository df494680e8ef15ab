import { guardRoute } from '@/lib/server/guard';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { resolveShare } from '@/lib/server/share/shares';
import { blobStore } from '@/lib/server/storage/blobs';

export const dynamic = 'force-dynamic';

/** The original of a shared task, only when the sharer chose a before/after view; 404 otherwise. */
async function get(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const before = (await resolveShare(token))?.before;
  if (!before) return shareNotFound();
  const etag = `"${before.sha256}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const blob = await blobStore().stream(before.sha256);
  if (!blob) return shareNotFound();
  return new Response(blob.body, {
    headers: {
      'Content-Type': before.mime,
      'Content-Length': String(blob.size),
      'Cache-Control': SHARED_IMAGE_CACHE,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
