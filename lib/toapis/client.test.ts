import { describe, expect, it } from 'vitest';
import { createToapisClient, generationBody } from './client';
import { UpstreamError } from './errors';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

interface Call {
  url: string;
  auth: string | null;
}

function recordingFetch(respond: (url: URL) => Response): { calls: Call[]; fetchImpl: typeof fetch } {
  const calls: Call[] = [];
  const fetchImpl = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({ url: url.toString(), auth: new Headers(init?.headers).get('authorization') });
    return respond(url);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('downloadResult', () => {
  it('sends Authorization only to the base origin', async () => {
    const { calls, fetchImpl } = recordingFetch(() => new Response(PNG, { headers: { 'content-type': 'image/png' } }));
    const client = createToapisClient({ baseUrl: 'https://toapis.com', apiKey: 'k-123456', model: 'm', fetchImpl });
    await client.downloadResult('https://files.toapis.com/generated/a.png');
    await client.downloadResult('https://toapis.com/v1/files/b.png');
    expect(calls).toEqual([
      { url: 'https://files.toapis.com/generated/a.png', auth: null },
      { url: 'https://toapis.com/v1/files/b.png', auth: 'Bearer k-123456' },
    ]);
  });

  it('checks every redirect hop and never carries the key off the base origin', async () => {
    const { calls, fetchImpl } = recordingFetch((url) => {
      if (url.pathname === '/start.png')
        return new Response(null, { status: 302, headers: { location: 'https://files.toapis.com/x.png' } });
      if (url.hostname === 'files.toapis.com')
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/y.png' } });
      return new Response(PNG);
    });
    const client = createToapisClient({ baseUrl: 'https://toapis.com', apiKey: 'k-123456', model: 'm', fetchImpl });
    await expect(client.downloadResult('https://toapis.com/start.png')).rejects.toMatchObject({
      kind: 'forbidden_host',
    });
    expect(calls.map((c) => c.auth)).toEqual(['Bearer k-123456', null]);
    expect(calls.some((c) => c.url.includes('evil.example'))).toBe(false);
  });

  it('refuses a 200 that is not an image', async () => {
    const { fetchImpl } = recordingFetch(
      () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const client = createToapisClient({ baseUrl: 'https://toapis.com', apiKey: 'k', model: 'm', fetchImpl });
    const error = (await client
      .downloadResult('https://files.toapis.com/a.png')
      .catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.kind).toBe('malformed');
    expect(error.message).not.toMatch(/<|>/);
  });
});

describe('generationBody', () => {
  it('is snake_case with n as a number and only the documented fields', () => {
    expect(
      generationBody('gpt-image-1.5-official', {
        prompt: 'p',
        size: 'auto',
        resolution: '2k',
        quality: 'high',
        n: 3,
        outputFormat: 'png',
        outputCompression: 40,
        imageUrls: ['https://a/1.png', ''],
        maskUrl: 'https://a/m.png',
      }),
    ).toEqual({
      model: 'gpt-image-1.5-official',
      prompt: 'p',
      size: 'auto',
      resolution: '2k',
      quality: 'high',
      n: 3,
      output_format: 'png',
      image_urls: ['https://a/1.png'],
      mask_url: 'https://a/m.png',
    });
  });
});

describe('API calls', () => {
  it('joins paths onto a base URL with a mount prefix', async () => {
    const { calls, fetchImpl } = recordingFetch(() => Response.json({ id: 't1', status: 'queued' }));
    const client = createToapisClient({ baseUrl: 'http://127.0.0.1:3000/engine/', apiKey: 'k', model: 'm', fetchImpl });
    await client.getGeneration('t 1/2');
    expect(calls[0]?.url).toBe('http://127.0.0.1:3000/engine/v1/images/generations/t%201%2F2');
  });

  it('reports a 2xx without a task id as malformed, with the relay’s reason', async () => {
    const { fetchImpl } = recordingFetch(() => Response.json({ code: 500, msg: 'backend busy' }));
    const client = createToapisClient({ baseUrl: 'https://toapis.com', apiKey: 'k', model: 'm', fetchImpl });
    await expect(client.getGeneration('x')).rejects.toMatchObject({
      kind: 'malformed',
      message: 'The status answer has no task id: backend busy',
    });
  });
});
