import sharp from 'sharp';
import { guardRoute } from '@/lib/server/guard';
import { getSegmenter } from '@/lib/server/segmentation';

export const dynamic = 'force-dynamic';

/** Same cap as one reference upload. */
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * POST the base image's bytes; the answer streams NDJSON lines:
 *   {"progress":0.42,"stage":"Loading the model"} … then
 *   {"width":W,"height":H,"png":"<base64 grayscale PNG: 255 = subject>"}  or  {"error":{code,message}}.
 * The model runs in a child process (lib/server/segmentation), so other requests are served meanwhile.
 */
async function post(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) return refuse('The image is larger than 50 MB.', 413);
  const image = new Uint8Array(await request.arrayBuffer());
  if (image.length === 0) return refuse('Send the base image to select its subject.', 400);
  if (image.length > MAX_BYTES) return refuse('The image is larger than 50 MB.', 413);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const result = await getSegmenter().segment(image, (progress, stage) => send({ progress, stage }));
        const png = await sharp(Buffer.from(result.foreground), { raw: { width: result.width, height: result.height, channels: 1 } })
          .png()
          .toBuffer();
        send({ width: result.width, height: result.height, png: png.toString('base64') });
      } catch (error) {
        console.error('[overpaint] segmentation failed:', error);
        send({ error: { code: 'mask:invalid', message: 'The subject could not be found in this image; paint the mask instead.' } });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  });
}

function refuse(message: string, status: number): Response {
  return Response.json({ error: { code: 'mask:invalid', message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const POST = guardRoute(post, { access: 'studio' });
