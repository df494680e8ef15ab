import { buildSetZip } from '@/lib/server/expand/zip';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const SET_ID = /^set-[0-9a-f]{32}$/;

/** A ratio set's results as one ZIP download, file names saying ratio and pixel size. */
async function get(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const zip = SET_ID.test(id) ? await buildSetZip(id) : null;
  if (!zip) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
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
