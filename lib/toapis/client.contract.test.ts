/**
 * The client against real HTTP servers on 127.0.0.1: the offline engine (through the node adapter, mounted at
 * /engine like in the app) and the fake ToAPIs with faults.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeFaults } from '@/lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';
import { createEngine, type Engine } from '@/lib/engine/engine';
import { serveWithNode, type NodeServerHandle } from '@/lib/engine/node-adapter';
import { outputSize } from '@/lib/jobs/options';
import type { UpstreamTask } from '@/lib/jobs/types';
import { createToapisClient, type ToapisClient } from './client';
import { UpstreamError } from './errors';

const SAMPLES = '/work/shared/samples';

async function caught(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected an UpstreamError');
}

async function pollUntilFinal(client: ToapisClient, id: string, seen: string[] = []): Promise<UpstreamTask> {
  for (let i = 0; i < 400; i++) {
    const task = await client.getGeneration(id);
    seen.push(task.status);
    if (task.status === 'completed' || task.status === 'failed') return task;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('task never finished');
}

async function rawRgb(bytes: Uint8Array) {
  return sharp(bytes).removeAlpha().raw().toBuffer();
}

describe('client ↔ offline engine over HTTP', () => {
  let dataDir: string;
  let server: NodeServerHandle;
  let engine: Engine;
  let client: ToapisClient;
  let coffee: Buffer;
  let coffeeMask: Buffer;
  const secret = 'contract-secret-0123456789abcdef';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'overpaint-contract-'));
    // The engine needs the server's port for its public URL, so the server starts first and defers to it.
    const mounted: { engine?: Engine } = {};
    server = await serveWithNode(
      (req) => mounted.engine?.handle(req) ?? Promise.resolve(new Response('starting', { status: 503 })),
    );
    engine = createEngine({ dataDir, secret, publicBaseUrl: `${server.url}/engine` });
    mounted.engine = engine;
    client = createToapisClient({ baseUrl: `${server.url}/engine`, apiKey: secret, model: 'offline-engine' });
    [coffee, coffeeMask] = await Promise.all([
      readFile(`${SAMPLES}/coffee.png`),
      readFile(`${SAMPLES}/coffee-mask.png`),
    ]);
  });

  afterAll(async () => {
    await engine.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function editCoffee(outputFormat: 'png' | 'jpeg') {
    const image = await client.uploadImage({ bytes: coffee, filename: 'coffee.png', contentType: 'image/png' });
    const mask = await client.uploadImage({ bytes: coffeeMask, filename: 'mask.png', contentType: 'image/png' });
    expect(image.url.startsWith(`${server.url}/engine/v1/files/`)).toBe(true);
    const created = await client.createGeneration({
      prompt: 'an empty saucer',
      size: '16:9',
      resolution: '1k',
      quality: 'medium',
      n: 1,
      outputFormat,
      outputCompression: 95,
      imageUrls: [image.url],
      maskUrl: mask.url,
    });
    expect(created.status).toBe('queued');
    const seen: string[] = [];
    const done = await pollUntilFinal(client, created.id, seen);
    expect(done.status).toBe('completed');
    expect(done.resultUrls).toHaveLength(1);
    expect(done.expiresAt!.getTime() - done.completedAt!.getTime()).toBe(86_400_000);
    const file = await client.downloadResult(done.resultUrls[0]!);
    const size = outputSize('16:9', '1k', { width: 600, height: 400 })!;
    const meta = await sharp(file.bytes).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual(size);
    const [got, base, alpha] = await Promise.all([
      rawRgb(file.bytes),
      sharp(coffee)
        .resize({ ...size, fit: 'cover', position: 'centre' })
        .removeAlpha()
        .raw()
        .toBuffer(),
      sharp(coffeeMask)
        .resize({ ...size, fit: 'cover', position: 'centre' })
        .extractChannel(3)
        .raw()
        .toBuffer(),
    ]);
    let outside = 0;
    let maxDiff = 0;
    let sumDiff = 0;
    for (let p = 0; p < size.width * size.height; p++) {
      if (alpha[p] !== 255) continue;
      outside++;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(got[p * 3 + c]! - base[p * 3 + c]!);
        maxDiff = Math.max(maxDiff, d);
        sumDiff += d;
      }
    }
    expect(outside).toBeGreaterThan(size.width * size.height * 0.5);
    return { file, maxDiff, meanDiff: sumDiff / (outside * 3) };
  }

  it('upload → create with mask → poll → download: right size, PNG pixels outside the mask exact', async () => {
    const { file, maxDiff } = await editCoffee('png');
    expect(file.contentType).toBe('image/png');
    expect(maxDiff).toBe(0);
  });

  it('the same edit as JPEG stays within JPEG tolerance outside the mask', async () => {
    const { file, meanDiff } = await editCoffee('jpeg');
    expect(file.contentType).toBe('image/jpeg');
    expect(meanDiff).toBeLessThan(2.5);
  });

  it('text-only 16:9 2k is 2048×1152', async () => {
    const created = await client.createGeneration({
      prompt: 'castle under stars',
      size: '16:9',
      resolution: '2k',
      quality: 'high',
      n: 1,
      outputFormat: 'png',
    });
    const done = await pollUntilFinal(client, created.id);
    const meta = await sharp((await client.downloadResult(done.resultUrls[0]!)).bytes).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 2048, height: 1152 });
  });

  it('lists the offline model', async () => {
    expect(await client.listModels()).toEqual(['offline-engine']);
  });

  it('maps engine refusals to typed errors', async () => {
    const bad = await caught(
      client.createGeneration({
        prompt: 'x',
        size: '1:1',
        resolution: '4k',
        quality: 'low',
        n: 1,
        outputFormat: 'png',
      }),
    );
    expect(bad).toMatchObject({ kind: 'bad_request', status: 400, param: 'resolution', reachedUpstream: 'yes' });
    const foreign = await caught(
      client.createGeneration({
        prompt: 'x',
        size: '1:1',
        resolution: '1k',
        quality: 'low',
        n: 1,
        outputFormat: 'png',
        imageUrls: ['http://169.254.169.254/latest/meta-data/x.png'],
      }),
    );
    expect(foreign).toMatchObject({ kind: 'bad_request', code: 'invalid_reference_images', param: 'image_urls' });
    const missing = await caught(client.getGeneration('img_000000000000000000000000'));
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 });
    const notImage = await caught(
      client.uploadImage({ bytes: new TextEncoder().encode('hello'), filename: 'a.png', contentType: 'image/png' }),
    );
    expect(notImage).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(notImage.message).toBe('Unsupported image type. Allowed: JPEG, PNG, WebP, GIF');
  });

  it('the engine refuses a wrong secret with 401 → auth, and the key is in no message', async () => {
    const wrong = createToapisClient({
      baseUrl: `${server.url}/engine`,
      apiKey: 'not-the-secret',
      model: 'offline-engine',
    });
    const error = await caught(wrong.listModels());
    expect(error).toMatchObject({ kind: 'auth', status: 401, reachedUpstream: 'yes' });
    expect(error.message).not.toContain('not-the-secret');
    expect(error.userMessage).not.toContain('not-the-secret');
    const raw = await fetch(`${server.url}/engine/v1/models`, { headers: { authorization: 'Bearer nope' } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: { code: 401, type: 'authentication_error' } });
  });

  it('refuses to download from other hosts', async () => {
    for (const url of [
      'https://evil.example/x.png',
      'http://files.toapis.com/x.png',
      'https://files.toapis.com:8443/x.png',
      'file:///etc/passwd',
      'nonsense',
    ]) {
      expect(await caught(client.downloadResult(url))).toMatchObject({ kind: 'forbidden_host', reachedUpstream: 'no' });
    }
  });
});

describe('client ↔ fake ToAPIs', () => {
  let fake: FakeToapis;
  let client: ToapisClient;
  let png: Buffer;
  const request = {
    prompt: 'a red bicycle',
    size: '1:1',
    resolution: '1k',
    quality: 'medium',
    n: 1,
    outputFormat: 'png',
  } as const;

  beforeAll(async () => {
    fake = await startFakeToapis({ apiKey: 'test-key-9f8e7d6c5b4a' });
    png = await readFile(`${SAMPLES}/chelsea.png`);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.control({ reset: true });
    client = createToapisClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      model: 'gpt-image-1.5-official',
      timeoutMs: 2_000,
    });
  });

  it('runs the whole flow and sends the documented body', async () => {
    const uploaded = await client.uploadImage({ bytes: png, filename: 'cat.png', contentType: 'image/png' });
    const created = await client.createGeneration({
      ...request,
      size: '3:2',
      n: 2,
      outputFormat: 'jpeg',
      outputCompression: 80,
      imageUrls: [uploaded.url],
      maskUrl: uploaded.url,
    });
    expect(created).toMatchObject({ status: 'queued', progress: 0 });
    const seen: string[] = [];
    const done = await pollUntilFinal(client, created.id, seen);
    expect(seen).toEqual(['in_progress', 'completed']);
    expect(done.resultUrls).toHaveLength(2);
    const file = await client.downloadResult(done.resultUrls[0]!);
    expect(file.contentType).toBe('image/jpeg');
    expect((await sharp(file.bytes).metadata()).width).toBe(1024);

    const createReq = fake.state.requests.find((r) => r.method === 'POST' && r.path === '/v1/images/generations');
    expect(createReq?.body).toEqual({
      model: 'gpt-image-1.5-official',
      prompt: 'a red bicycle',
      size: '3:2',
      resolution: '1k',
      quality: 'medium',
      n: 2,
      output_format: 'jpeg',
      output_compression: 80,
      image_urls: [uploaded.url],
      mask_url: uploaded.url,
    });
    expect(fake.state.requests.every((r) => r.authorized)).toBe(true);
  });

  it('sends no compression for png, no image_urls when empty, and no mask without images', async () => {
    await client.createGeneration({
      ...request,
      outputCompression: 50,
      imageUrls: [],
      maskUrl: 'https://x.test/m.png',
    });
    const body = fake.state.requests.at(-1)?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('output_compression');
    expect(body).not.toHaveProperty('image_urls');
    expect(body).not.toHaveProperty('mask_url');
    expect(body.n).toBe(1);
  });

  it('429 with Retry-After → rate_limited, retryAfterMs, not reached', async () => {
    fake.control({ faults: [fakeFaults.rateLimited('create', '1')] });
    const error = await caught(client.createGeneration(request));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterMs: 1000,
      reachedUpstream: 'no',
      code: 'rate_limit_exceeded',
    });
    expect(error.message).toBe('Async task request rate exceeded');
    // The fault was consumed: the next create goes through.
    expect((await client.createGeneration(request)).status).toBe('queued');
  });

  it('HTML 502 → server, unknown whether it reached, no HTML in any message', async () => {
    fake.control({ faults: [fakeFaults.htmlBadGateway('create')] });
    const error = await caught(client.createGeneration(request));
    expect(error).toMatchObject({ kind: 'server', status: 502, reachedUpstream: 'unknown' });
    expect(error.message).toBe('502 Bad Gateway');
    for (const text of [error.message, error.userMessage]) expect(text).not.toMatch(/<[^>]*>/);
  });

  it('401 → auth', async () => {
    fake.control({ faults: [fakeFaults.unauthorized('status')] });
    const created = await client.createGeneration(request);
    expect(await caught(client.getGeneration(created.id))).toMatchObject({ kind: 'auth', status: 401, code: '401' });
    const wrongKey = createToapisClient({ baseUrl: fake.url, apiKey: 'wrong-key', model: 'm' });
    expect(await caught(wrongKey.createGeneration(request))).toMatchObject({ kind: 'auth', reachedUpstream: 'yes' });
  });

  it('400 naming a field → bad_request with param and the upstream sentence', async () => {
    fake.control({ faults: [fakeFaults.badRequest('prompt')] });
    const error = await caught(client.createGeneration(request));
    expect(error).toMatchObject({
      kind: 'bad_request',
      status: 400,
      param: 'prompt',
      code: 'invalid_request',
      reachedUpstream: 'yes',
    });
    expect(error.userMessage).toContain("The 'prompt' field is required.");
  });

  it('402 → quota, 503 → unavailable (not reached), 413 upload → too_large', async () => {
    fake.control({
      faults: [fakeFaults.insufficientQuota(), fakeFaults.unavailable('create', '3'), fakeFaults.tooLarge('upload')],
    });
    expect(await caught(client.createGeneration(request))).toMatchObject({ kind: 'quota', status: 402 });
    expect(await caught(client.createGeneration(request))).toMatchObject({
      kind: 'unavailable',
      reachedUpstream: 'no',
      retryAfterMs: 3000,
    });
    expect(await caught(client.uploadImage({ bytes: png, filename: 'a.png', contentType: 'image/png' }))).toMatchObject(
      {
        kind: 'too_large',
        status: 413,
      },
    );
  });

  it('malformed JSON → malformed', async () => {
    fake.control({ faults: [fakeFaults.malformedJson('create')] });
    expect(await caught(client.createGeneration(request))).toMatchObject({
      kind: 'malformed',
      status: 200,
      reachedUpstream: 'yes',
    });
  });

  it('a hang → timeout after timeoutMs, unknown whether it reached', async () => {
    const quick = createToapisClient({ baseUrl: fake.url, apiKey: fake.apiKey, model: 'm', timeoutMs: 300 });
    fake.control({ faults: [fakeFaults.hang('create', 10_000)] });
    const started = Date.now();
    const error = await caught(quick.createGeneration(request));
    expect(error).toMatchObject({ kind: 'timeout', reachedUpstream: 'unknown' });
    expect(Date.now() - started).toBeLessThan(2_000);
    fake.control({ faults: [fakeFaults.hang('status', 10_000)] });
    const created = await quick.createGeneration(request);
    expect(await caught(quick.getGeneration(created.id))).toMatchObject({ kind: 'timeout' });
  });

  it('a body that echoes the key never puts the key in a message', async () => {
    fake.control({ faults: [fakeFaults.echoesKey('create')] });
    const error = await caught(client.createGeneration(request));
    expect(error.message).toContain('[redacted]');
    expect(`${error.message} ${error.userMessage} ${error.stack}`).not.toContain(fake.apiKey);
  });

  it('status oddities: unknown word, completed without URL, failed with error', async () => {
    const created = await client.createGeneration(request);
    fake.control({
      faults: [
        fakeFaults.unknownStatusWord('thinking'),
        fakeFaults.completedWithoutUrl(),
        fakeFaults.failedWithError('upstream said no'),
      ],
    });
    const quiet = console.warn;
    console.warn = () => {};
    try {
      expect(await client.getGeneration(created.id)).toMatchObject({
        id: created.id,
        status: 'in_progress',
        rawStatus: 'thinking',
        progress: 40,
      });
    } finally {
      console.warn = quiet;
    }
    expect(await client.getGeneration(created.id)).toMatchObject({ status: 'failed', error: { code: 'no_result' } });
    expect(await client.getGeneration(created.id)).toMatchObject({
      status: 'failed',
      error: { code: 'generation_failed', message: 'upstream said no' },
    });
  });

  it('a result URL that 404s → not_found', async () => {
    fake.control({ completeAfterPolls: 1 });
    const created = await client.createGeneration(request);
    const done = await client.getGeneration(created.id);
    expect(done.status).toBe('completed');
    fake.control({ faults: [fakeFaults.resultNotFound()] });
    expect(await caught(client.downloadResult(done.resultUrls[0]!))).toMatchObject({ kind: 'not_found', status: 404 });
    expect((await client.downloadResult(done.resultUrls[0]!)).contentType).toBe('image/png');
  });

  it('hold/release over HTTP keeps a task in progress until released', async () => {
    const post = (body: unknown) => fetch(`${fake.url}/__control`, { method: 'POST', body: JSON.stringify(body) });
    await post({ hold: true });
    const created = await client.createGeneration(request);
    for (let i = 0; i < 4; i++) expect((await client.getGeneration(created.id)).status).toBe('in_progress');
    await post({ release: true });
    expect((await client.getGeneration(created.id)).status).toBe('completed');
    const log = (await (await fetch(`${fake.url}/__control/requests`)).json()) as Array<{ path: string }>;
    expect(log.filter((r) => r.path.startsWith('/v1/images/generations/'))).toHaveLength(5);
  });

  it('connection refused → network, not reached', async () => {
    const closed = await startFakeToapis();
    const url = closed.url;
    await closed.close();
    const dead = createToapisClient({ baseUrl: url, apiKey: 'k', model: 'm' });
    expect(await caught(dead.createGeneration(request))).toMatchObject({ kind: 'network', reachedUpstream: 'no' });
  });
});
