import sharp from 'sharp';
import { guardRoute } from '@/lib/server/guard';
import { notModified, SHARED_IMAGE_CACHE, shareNotFound } from '@/lib/server/share/responses';
import { resolveShare } from '@/lib/server/share/shares';
import { blobStore } from '@/lib/server/storage/blobs';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The size chat tools and social cards expect for a large preview (1.91:1).
const WIDTH = 1200;
const HEIGHT = 630;

/** The link preview image: the first shared result, letterboxed on the studio's dark background. */
async function get(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const first = (await resolveShare(token))?.results[0];
  if (!first) return shareNotFound();
  const etag = `"og-${first.asset.sha256}"`;
  const cached = notModified(request, etag);
  if (cached) return cached;
  const bytes = await blobStore().read(first.asset.sha256);
  const preview = await sharp(bytes, { limitInputPixels: first.asset.width * first.asset.height })
    .rotate()
    .resize(WIDTH, HEIGHT, { fit: 'contain', background: '#09090b' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  return new Response(new Uint8Array(preview), {
    headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(preview.byteLength),
      'Cache-Control': SHARED_IMAGE_CACHE,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = guardRoute(get, { access: 'public' });
