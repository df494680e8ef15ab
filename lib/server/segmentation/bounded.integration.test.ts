/**
 * Segmentation is bounded like a reference upload: the route (called as Next calls it, with a real Request)
 * checks size, type and header dimensions before any work, answers 429 past its queue without reading the upload,
 * and the child process holds its own pixel limit and stops when the client leaves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { getSegmenter, SEGMENT_LIMIT, segmentationLimit } from './index';

const samples = process.env.OVERPAINT_SAMPLES_DIR ?? path.resolve(__dirname, '../../../../shared/samples');
const coffee = () => readFileSync(path.join(samples, 'coffee.png'));

async function post(body: BodyInit, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}) {
  const { POST } = await import('@/app/api/segment/route');
  const request = new Request('http://localhost/api/segment', {
    method: 'POST',
    body,
    duplex: 'half',
    ...init,
  } as RequestInit);
  const response = await POST(request, { params: Promise.resolve({}) } as never);
  return {
    request,
    response,
    line:
      response.status === 200
        ? null
        : (JSON.parse(await response.text()) as { error: { code: string; message: string } }),
  };
}

/** A PNG (signature, IHDR with its CRC, a token IDAT, IEND) whose header claims these dimensions. */
function pngHeader(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = chunk('IDAT', deflateSync(Buffer.alloc(64)));
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), idat, chunk('IEND', Buffer.alloc(0))]));
}

afterEach(() => expect(segmentationLimit().load()).toEqual({ running: 0, waiting: 0 }));

describe('the segment route refuses before any work', () => {
  it('refuses what is not an image, naming what it takes', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    const { response, line } = await post(pdf);
    expect(response.status).toBe(415);
    expect(line?.error.message).toMatch(/^The base image is not an image we can read; use a PNG, JPEG, WebP/);
  });

  it('refuses a header claiming more pixels than a reference may have, from the header alone', async () => {
    const { response, line } = await post(Buffer.from(pngHeader(20_000, 20_000)));
    expect(response.status).toBe(413);
    expect(line?.error.message).toMatch(/20000 × 20000 px\); references can be at most 16384 px a side/);
  });

  it('refuses a body over the reference cap while it arrives, whatever Content-Length said', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = new Uint8Array(1024 * 1024);
        chunk.set(pngHeader(100, 100));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const { response, line } = await post(endless);
    expect(response.status).toBe(413);
    expect(line?.error.message).toMatch(/can be at most 50\.0 MB/);
    expect(sent).toBeLessThan(60 * 1024 * 1024);
  });

  it('answers 429 "busy" once one runs and two wait, without reading the upload', async () => {
    // One running and two waiting: every place taken (the waiters are not awaited, they wait until released).
    const first = await segmentationLimit().acquire();
    const waiters = Array.from({ length: SEGMENT_LIMIT.queue }, () => segmentationLimit().acquire());
    expect(segmentationLimit().load()).toEqual({ running: SEGMENT_LIMIT.concurrency, waiting: SEGMENT_LIMIT.queue });
    try {
      const { request, response, line } = await post(coffee());
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('10');
      expect(line?.error).toMatchObject({ code: 'server:busy', message: expect.stringMatching(/^Busy: .*try again/i) });
      expect(request.bodyUsed).toBe(false); // refused before the upload was read
    } finally {
      first?.();
      for (const waiter of waiters) (await waiter)?.();
    }
  });
});

describe('the segmentation child', () => {
  it('checks dimensions itself before decoding, and a new child serves the next request after a kill', async () => {
    await expect(getSegmenter().segment(coffee(), { maxPixels: 1000 })).rejects.toThrow(
      /too large to segment: 600 × 400 px \(at most 1000 pixels\)/,
    );
    const tiny = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const controller = new AbortController();
    controller.abort();
    await expect(getSegmenter().segment(tiny, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  }, 60_000);

  it('stops the work when the client leaves: the child is ended, not left running for nobody', async () => {
    const controller = new AbortController();
    let progressed = 0;
    const started = Date.now();
    const run = getSegmenter().segment(coffee(), {
      signal: controller.signal,
      onProgress: () => {
        if (++progressed === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progressed).toBeGreaterThanOrEqual(1);
    // The next request starts a fresh child and is answered (here: refused by its own pixel limit, quickly).
    await expect(getSegmenter().segment(coffee(), { maxPixels: 1000 })).rejects.toThrow(/too large to segment/);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);
});
