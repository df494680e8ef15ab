/**
 * What the client reads from upstream is bounded while it arrives, against a real HTTP server on 127.0.0.1:
 * bodies are counted as they stream (a gzip bomb or an endless chunked body is cut off at the cap, not buffered),
 * `identity` encoding is asked for, JSON answers are capped, and a refused file host is named.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToapisClient, type ToapisClient } from './client';
import type { UpstreamError } from './errors';

const KB = 1024;
const MB = 1024 * KB;
const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server: Server;
let baseUrl: string;
const seen: IncomingHttpHeaders[] = [];
/** Bytes the endless route managed to write before the client hung up. */
let endlessWritten = 0;
let endlessClosed: Promise<void> = Promise.resolve();

function endless(res: ServerResponse): void {
  endlessWritten = 0;
  let closed!: () => void;
  endlessClosed = new Promise((resolve) => (closed = resolve));
  res.writeHead(200, { 'Content-Type': 'image/png' });
  const chunk = new Uint8Array(64 * KB);
  chunk.set(PNG_SIGNATURE);
  const timer = setInterval(() => {
    if (res.destroyed || endlessWritten > 200 * MB) return;
    res.write(chunk);
    endlessWritten += chunk.byteLength;
  }, 1);
  res.on('close', () => {
    clearInterval(timer);
    closed();
  });
}

beforeAll(async () => {
  const bomb = gzipSync(Buffer.concat([Buffer.from(PNG_SIGNATURE), Buffer.alloc(64 * MB)]));
  server = createServer((req, res) => {
    seen.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/files/bomb.png') {
      // 64 MB of PNG once inflated, about 64 KB on the wire, with an honest (compressed) Content-Length.
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length });
      return res.end(bomb);
    }
    if (url.pathname === '/files/endless.png') return endless(res);
    if (url.pathname === '/files/small.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      return res.end(Buffer.concat([Buffer.from(PNG_SIGNATURE), Buffer.alloc(10 * KB)]));
    }
    if (url.pathname === '/v1/models') {
      // A model list of 3 MB, chunked (no Content-Length to refuse early).
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"data":[');
      for (let i = 0; i < 30_000; i++) res.write(`${i ? ',' : ''}{"id":"model-${'x'.repeat(80)}-${i}"}`);
      return res.end(']}');
    }
    if (url.pathname.startsWith('/v1/images/generations/')) {
      // A 500 with a 5 MB error page: only the cap is read.
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return res.end('x'.repeat(5 * MB));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(extra: Partial<Parameters<typeof createToapisClient>[0]> = {}): ToapisClient {
  return createToapisClient({
    baseUrl,
    apiKey: 'bounded-key-0123456789',
    model: 'm',
    maxDownloadBytes: 1 * MB,
    maxJsonBytes: 256 * KB,
    ...extra,
  });
}

async function caught(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    return error as UpstreamError;
  }
  throw new Error('expected a refusal');
}

describe('bounded reads from upstream', () => {
  it('asks for identity encoding on every request', async () => {
    seen.length = 0;
    await client().downloadResult(`${baseUrl}/files/small.png`);
    await caught(client().listModels());
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) expect(headers['accept-encoding']).toBe('identity');
  });

  it('a gzip bomb is cut off at the cap while it inflates, whatever Content-Length said', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const error = await caught(client().downloadResult(`${baseUrl}/files/bomb.png`));
    expect(error).toMatchObject({ kind: 'too_large', operation: 'download', reachedUpstream: 'yes' });
    expect(error.message).toContain(String(1 * MB));
    // Never held the 64 MB it would inflate to.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * MB);
  });

  it('an endless chunked body is cancelled soon after the cap, not read to the end', async () => {
    const error = await caught(client().downloadResult(`${baseUrl}/files/endless.png`));
    expect(error).toMatchObject({ kind: 'too_large', operation: 'download' });
    await endlessClosed;
    expect(endlessWritten).toBeLessThan(40 * MB);
  });

  it('a small result within the cap downloads', async () => {
    const file = await client().downloadResult(`${baseUrl}/files/small.png`);
    expect(file).toMatchObject({ contentType: 'image/png' });
    expect(file.bytes.byteLength).toBe(8 + 10 * KB);
  });

  it('caps JSON answers: a 3 MB model list is refused as malformed, not parsed', async () => {
    const error = await caught(client().listModels());
    expect(error).toMatchObject({ kind: 'malformed', operation: 'models', reachedUpstream: 'yes' });
    expect(error.message).toMatch(/larger than 262144 bytes/);
    // With room for it, the same answer is read.
    expect(await client({ maxJsonBytes: 8 * MB }).listModels()).toHaveLength(30_000);
  });

  it('caps error bodies too', async () => {
    const error = await caught(client().getGeneration('tsk_1'));
    expect(error).toMatchObject({ kind: 'malformed', operation: 'status', status: 500 });
  });

  it('a host outside fileHosts is refused without a request, naming it; a listed https host passes the check', async () => {
    seen.length = 0;
    const refused = await caught(client().downloadResult('https://cdn.elsewhere.example/r.png'));
    expect(refused).toMatchObject({ kind: 'forbidden_host', reachedUpstream: 'no' });
    expect(refused.userMessage).toMatch(/cdn\.elsewhere\.example.*TOAPIS_FILE_HOSTS/);
    expect(seen).toHaveLength(0);
    const plain = await caught(
      client({ fileHosts: ['cdn.elsewhere.example'] }).downloadResult('http://cdn.elsewhere.example/r.png'),
    );
    expect(plain.userMessage).toMatch(/http:\/\/cdn\.elsewhere\.example/);
    // Listed: the host check passes and the fetch is tried (nothing listens there: a network error, not a refusal).
    const listed = await caught(
      client({ fileHosts: ['cdn.elsewhere.invalid'], timeoutMs: 3000 }).downloadResult(
        'https://cdn.elsewhere.invalid/r.png',
      ),
    );
    expect(listed.kind).not.toBe('forbidden_host');
  });
});
