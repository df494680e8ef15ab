import 'server-only';
import { fail, ok, type Result } from '@/lib/errors';

/** One reference (50 MB) or a mask plus multipart overhead: the same cap as the studio's server actions. */
export const API_BODY_BYTES = 52 * 1024 * 1024;
/** JSON bodies carry a prompt and ids, never images. */
export const API_JSON_BYTES = 256 * 1024;

/**
 * Reads a request body up to `maxBytes`, refusing it as soon as it is known to be larger (the declared length, or
 * the bytes actually sent), so a client cannot make the server hold more than the cap.
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Result<Uint8Array>> {
  const tooLarge = fail<Uint8Array>(
    'api:too_large',
    `The request body is over ${Math.round(maxBytes / 1024 / 1024) || 1} MB; send one image per request.`,
    { field: 'body' },
  );
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return tooLarge;
  if (!request.body) return ok(new Uint8Array());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks));
}

/** A multipart body, capped; a body that is not multipart is named as the problem. */
export async function readCappedForm(request: Request, maxBytes = API_BODY_BYTES): Promise<Result<FormData>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return fail('form:invalid', 'Send this as multipart/form-data.', { field: 'Content-Type' });
  }
  const body = await readCappedBody(request, maxBytes);
  if (!body.ok) return body;
  try {
    return ok(await new Response(Buffer.from(body.data), { headers: { 'content-type': type } }).formData());
  } catch {
    return fail('form:invalid', 'The multipart body could not be read.', { field: 'body' });
  }
}
