import { buildSetZip } from '@/lib/server/expand/zip';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const SET_ID = /^set-[0-9a-f]{32}$/;

/**
 * A ratio set's results as one ZIP download, file names saying ratio and pixel size. 404 for no such set, 409 while
 * it has nothing to download (no result yet, or all deleted), each with a sentence instead of an empty archive.
 */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const built = SET_ID.test(id) ? await buildSetZip(id) : null;
  if (!built?.ok) {
    const status = built?.error.code === 'set:empty' ? 409 : 404;
    const message = built?.error.message ?? 'This set does not exist (any more).';
    return new Response(message, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const { zip } = built.data;
  return new Response(new Uint8Array(zip), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(zip.byteLength),
      'Content-Disposition': `attachment; filename="overpaint-set-${id.slice(4, 12)}.zip"`,
      'Cache-Control': 'no-store',
    },
  });
}

export const GET = guardRoute(get);
