import { openSetZip, setZipLimit } from '@/lib/server/expand/zip';
import { guardRoute } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

const SET_ID = /^set-[0-9a-f]{32}$/;

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * A ratio set's results as one ZIP download, file names saying ratio and pixel size, streamed as it is written.
 * 404 for no such set, 409 while it has nothing to download (no result yet, or all deleted), each with a sentence
 * instead of an empty archive; 429 while this server already streams as many ZIPs as it allows.
 */
async function get(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  if (!SET_ID.test(id)) return text(404, 'This set does not exist (any more).');
  const release = await setZipLimit().acquire(request.signal);
  if (!release) {
    return text(429, 'Busy: other set downloads are being prepared. Try again in a few seconds.', {
      'Retry-After': '5',
    });
  }
  try {
    const opened = await openSetZip(id);
    if (!opened.ok) {
      release();
      return text(opened.error.code === 'set:empty' ? 409 : 404, opened.error.message);
    }
    return new Response(opened.data.stream(release), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="overpaint-set-${id.slice(4, 12)}.zip"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    release();
    throw error;
  }
}

export const GET = guardRoute(get, { need: 'view' });
