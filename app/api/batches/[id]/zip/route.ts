import { guardRoute } from '@/lib/server/guard';
import { batchZipLimit, openBatchZip } from '@/lib/server/batches/zip';

export const dynamic = 'force-dynamic';

const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * Download ZIP: a batch's results, named after the original files (and ratio), streamed as written. 404 for no
 * such batch, 409 while it has nothing to download, 429 while this server streams as many ZIPs as it allows.
 */
async function get(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  if (!BATCH_ID.test(id)) return text(404, 'This batch does not exist (any more).');
  const release = await batchZipLimit().acquire(request.signal);
  if (!release) {
    return text(429, 'Busy: other downloads are being prepared. Try again in a few seconds.', { 'Retry-After': '5' });
  }
  try {
    const opened = await openBatchZip(id);
    if (!opened.ok) {
      release();
      return text(opened.error.code === 'batch:empty' ? 409 : 404, opened.error.message);
    }
    return new Response(opened.data.stream(release), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="overpaint-batch-${id.slice(0, 8)}.zip"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    release();
    throw error;
  }
}

export const GET = guardRoute(get, { need: 'view' });
