import sharp from 'sharp';
import { MAX_REFERENCE_BYTES } from '@/lib/jobs/options';
import { checkDimensions, checkReferenceFile, formatBytes, SNIFF_BYTES } from '@/lib/references/rules';
import { guardRoute } from '@/lib/server/guard';
import { getSegmenter, segmentationLimit } from '@/lib/server/segmentation';
import { readCapped } from '@/lib/http/read-capped';

export const dynamic = 'force-dynamic';

const NAME = 'The base image';

/**
 * POST the base image's bytes; the answer streams NDJSON lines:
 *   {"progress":0.42,"stage":"Loading the model"} … then
 *   {"width":W,"height":H,"png":"<base64 grayscale PNG: 255 = subject>"}  or  {"error":{code,message}}.
 * The model runs in a child process (lib/server/segmentation), so other requests are served meanwhile. Bounded
 * like a reference upload: the same size, type and dimension checks; one at a time with two waiting (429 past
 * that, before the upload is read); a client that leaves stops its work.
 */
async function post(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_REFERENCE_BYTES) return refuse(tooLarge(length), 413);
  const release = await segmentationLimit().acquire(request.signal);
  if (!release) {
    if (request.signal.aborted) return refuse('The request was cancelled.', 499);
    return refuse('Busy: other selections are running. Try again in a few seconds.', 429, 'server:busy', {
      'Retry-After': '10',
    });
  }
  let streaming = false;
  try {
    const image = await readCapped(request, MAX_REFERENCE_BYTES);
    if (!image) return refuse(tooLarge(MAX_REFERENCE_BYTES + 1), 413);
    if (image.length === 0) return refuse('Send the base image to select its subject.', 400);
    const refusal = await checkImage(image);
    if (refusal) return refuse(refusal.message, refusal.status);

    const encoder = new TextEncoder();
    const work = new AbortController();
    request.signal.addEventListener('abort', () => work.abort(), { once: true });
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        try {
          const result = await getSegmenter().segment(image, {
            signal: work.signal,
            onProgress: (progress, stage) => send({ progress, stage }),
          });
          const png = await sharp(Buffer.from(result.foreground), {
            raw: { width: result.width, height: result.height, channels: 1 },
          })
            .png()
            .toBuffer();
          send({ width: result.width, height: result.height, png: png.toString('base64') });
        } catch (error) {
          if (work.signal.aborted) return;
          console.error('[overpaint] segmentation failed:', error);
          send({
            error: {
              code: 'mask:invalid',
              message: 'The subject could not be found in this image; paint the mask instead.',
            },
          });
        } finally {
          release();
          try {
            controller.close();
          } catch {
            // Already cancelled by the client.
          }
        }
      },
      cancel() {
        work.abort();
      },
    });
    streaming = true;
    return new Response(stream, {
      headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
    });
  } finally {
    if (!streaming) release();
  }
}

/** The reference checks (lib/references/rules), run on the bytes as sent: type by content, then the header's size. */
async function checkImage(image: Uint8Array): Promise<{ message: string; status: number } | null> {
  const file = checkReferenceFile({ name: NAME, size: image.byteLength, head: image.subarray(0, SNIFF_BYTES) });
  if (file) return { message: file.message, status: file.code === 'reference:too_large' ? 413 : 415 };
  const meta = await sharp(image, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta) return { message: `${NAME} could not be read as an image (the file may be damaged).`, status: 400 };
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const dimensions = checkDimensions(NAME, width, height);
  return dimensions ? { message: dimensions.message, status: 413 } : null;
}

function tooLarge(bytes: number): string {
  return `${NAME} is ${formatBytes(bytes)}; it can be at most ${formatBytes(MAX_REFERENCE_BYTES)}.`;
}

/** One NDJSON line, so the client's line reader shows the sentence (a bare JSON body has no newline). */
function refuse(
  message: string,
  status: number,
  code = 'mask:invalid',
  headers: Record<string, string> = {},
): Response {
  return new Response(`${JSON.stringify({ error: { code, message } })}\n`, {
    status,
    headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', ...headers },
  });
}

export const POST = guardRoute(post, { need: 'generate' });
