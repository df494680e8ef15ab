import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from './engine';

const SECRET = 'engine-test-secret';
const BASE = 'http://engine.test/engine';
const SAMPLES = '/work/shared/samples';

let coffee: Buffer;
let coffeeMask: Buffer;
let dataDir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  [coffee, coffeeMask] = await Promise.all([readFile(`${SAMPLES}/coffee.png`), readFile(`${SAMPLES}/coffee-mask.png`)]);
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'overpaint-engine-'));
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  await rm(dataDir, { recursive: true, force: true });
});

function open(options: { paused?: boolean } = {}): Engine {
  const engine = createEngine({ dataDir, secret: SECRET, publicBaseUrl: BASE, ...options });
  engines.push(engine);
  return engine;
}

function call(
  engine: Engine,
  method: string,
  route: string,
  init: { body?: BodyInit; json?: unknown; auth?: string | null } = {},
) {
  const headers = new Headers();
  if (init.auth !== null) headers.set('authorization', init.auth ?? `Bearer ${SECRET}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return engine.handle(new Request(`${BASE}${route}`, { method, headers, body }));
}

async function upload(engine: Engine, bytes: Uint8Array, name = 'image.png', type = 'image/png'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await call(engine, 'POST', '/v1/uploads/images', { body: form });
  const body = (await res.json()) as { data: { url: string } };
  expect(res.status).toBe(200);
  return body.data.url;
}

/** The fields these tests read from task and error answers. */
interface TaskBody {
  id: string;
  object: string;
  status: string;
  progress: number;
  completed_at: number;
  expires_at: number;
  result: { data: Array<{ url: string }> };
  error: { code: string; message: string; param?: string };
}

interface UploadBody {
  success: boolean;
  message: string;
  data: { url: string; mime_type: string; size: number };
}

async function create(engine: Engine, json: Record<string, unknown>) {
  const res = await call(engine, 'POST', '/v1/images/generations', {
    json: { model: 'offline-engine', prompt: 'remove the cup', ...json },
  });
  return { status: res.status, body: (await res.json()) as TaskBody };
}

async function status(engine: Engine, id: string) {
  return (await (await call(engine, 'GET', `/v1/images/generations/${id}`)).json()) as TaskBody;
}

describe('engine HTTP contract', () => {
  it('requires the bearer secret everywhere, with the ToAPIs 401 envelope', async () => {
    const engine = open();
    for (const auth of [null, 'Bearer wrong', `Bearer ${SECRET}x`, SECRET, 'Basic abc']) {
      for (const route of [
        '/v1/models',
        '/v1/images/generations/img_000000000000000000000000',
        '/v1/files/up_abcdefgh12.png',
      ]) {
        const res = await call(engine, 'GET', route, { auth });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({
          error: {
            code: 401,
            message: 'Authentication failed, please check your API key',
            type: 'authentication_error',
          },
        });
      }
    }
  });

  it('works mounted at a prefix or at the root', async () => {
    const engine = open();
    for (const url of [`${BASE}/v1/models`, 'http://engine.test/v1/models', 'http://x.test/a/b/v1/models?type=image']) {
      const res = await engine.handle(new Request(url, { headers: { authorization: `Bearer ${SECRET}` } }));
      expect(((await res.json()) as { data: Array<{ id: string }> }).data[0]?.id).toBe('offline-engine');
    }
    expect((await call(engine, 'GET', '/nothing')).status).toBe(404);
    expect((await call(engine, 'GET', '/v1/images/generations/img_ffffffffffffffffffffffff')).status).toBe(404);
    expect((await call(engine, 'GET', '/v1/images/generations/..%2F..%2Fetc')).status).toBe(404);
    expect((await call(engine, 'GET', '/v1/files/..%2Fsecret.png')).status).toBe(404);
  });

  it('answers uploads with the real envelope and serves the file back', async () => {
    const engine = open();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(coffee)], { type: 'image/png' }), 'coffee.png');
    const res = await call(engine, 'POST', '/v1/uploads/images', { body: form });
    const body = (await res.json()) as UploadBody;
    expect(body).toMatchObject({
      success: true,
      message: '',
      data: { mime_type: 'image/png', size: coffee.byteLength },
    });
    expect(body.data.url).toMatch(/^http:\/\/engine\.test\/engine\/v1\/files\/up_[a-f0-9]+\.png$/);
    const file = await call(engine, 'GET', new URL(body.data.url).pathname.replace('/engine', ''));
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await file.arrayBuffer()), coffee)).toBe(0);
  });

  it('judges uploads by content and size', async () => {
    const engine = open();
    const send = async (bytes: Uint8Array, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'x');
      const res = await call(engine, 'POST', '/v1/uploads/images', { body: form });
      return { status: res.status, body: (await res.json()) as UploadBody };
    };
    // Declared as PNG, but it is text.
    expect(await send(new TextEncoder().encode('<html>hi</html>'), 'image/png')).toEqual({
      status: 400,
      body: { success: false, message: 'Unsupported image type. Allowed: JPEG, PNG, WebP, GIF' },
    });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(coffee.subarray(0, 16));
    const tooBig = await send(big, 'image/png');
    expect([400, 413]).toContain(tooBig.status);
    expect(tooBig.body).toEqual({ success: false, message: 'Image too large. Maximum size is 10MB' });
    const webp = await sharp(coffee).webp().toBuffer();
    expect((await send(webp, 'application/octet-stream')).body.data.mime_type).toBe('image/webp');
    const noFile = await call(engine, 'POST', '/v1/uploads/images', { body: new FormData() });
    expect(noFile.status).toBe(400);
  });

  it('validates create requests like the real API', async () => {
    const engine = open();
    const image = await upload(engine, coffee);
    const mask = await upload(engine, coffeeMask);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ prompt: '' }, 'invalid_request', 'prompt'],
      [{ prompt: undefined }, 'invalid_request', 'prompt'],
      [{ size: '1024x1024' }, 'invalid_request', 'size'],
      [{ resolution: '8k' }, 'invalid_request', 'resolution'],
      [{ size: '1:1', resolution: '4k' }, 'invalid_request', 'resolution'],
      [{ size: 'auto', resolution: '4k' }, 'invalid_request', 'resolution'],
      // coffee is 3:2, so auto + 4k has no size either
      [{ size: 'auto', resolution: '4k', image_urls: [image] }, 'invalid_request', 'resolution'],
      [{ n: '1' }, 'invalid_request', 'n'],
      [{ n: 0 }, 'invalid_request', 'n'],
      [{ n: 11 }, 'invalid_request', 'n'],
      [{ n: 1.5 }, 'invalid_request', 'n'],
      [{ quality: 'ultra' }, 'invalid_request', 'quality'],
      [{ output_format: 'webp' }, 'invalid_request', 'output_format'],
      [{ output_format: 'jpeg', output_compression: 101 }, 'invalid_request', 'output_compression'],
      [{ mask_url: mask }, 'invalid_request', 'mask_url'],
      [{ mask_url: mask, image_urls: [] }, 'invalid_request', 'mask_url'],
      [{ image_urls: Array.from({ length: 17 }, () => image) }, 'invalid_request', 'image_urls'],
      [{ image_urls: 'not-an-array' }, 'invalid_request', 'image_urls'],
      [{ image_urls: ['https://example.com/cat.png'] }, 'invalid_reference_images', 'image_urls'],
      [{ image_urls: ['http://169.254.169.254/latest/meta-data'] }, 'invalid_reference_images', 'image_urls'],
      [{ image_urls: ['data:image/png;base64,AAAA'] }, 'invalid_reference_images', 'image_urls'],
      [{ image_urls: [`${BASE}/v1/files/up_000000000000000000000000.png`] }, 'invalid_reference_images', 'image_urls'],
      [{ image_urls: [image], mask_url: 'https://example.com/m.png' }, 'invalid_reference_images', 'mask_url'],
      [
        { image_urls: [image], mask_url: await upload(engine, await sharp(coffee).jpeg().toBuffer()) },
        'invalid_request',
        'mask_url',
      ],
      [{ model: '' }, 'invalid_request', 'model'],
    ];
    for (const [overrides, code, param] of cases) {
      const { status: http, body } = await create(engine, overrides);
      expect({ overrides, http, code: body.error.code, param: body.error.param }).toEqual({
        overrides,
        http: 400,
        code,
        param,
      });
      expect(typeof body.error.message).toBe('string');
    }
    const bad = await call(engine, 'POST', '/v1/images/generations', { body: '{not json', auth: `Bearer ${SECRET}` });
    expect(bad.status).toBe(400);
    // 16 references are fine.
    expect((await create(engine, { image_urls: Array.from({ length: 16 }, () => image) })).status).toBe(200);
  });
});

describe('engine tasks', () => {
  it('runs an inpainting task to completion with result URLs and 24 h expiry', async () => {
    const engine = open();
    const image = await upload(engine, coffee);
    const mask = await upload(engine, coffeeMask);
    const created = await create(engine, { image_urls: [image], mask_url: mask, size: 'auto', resolution: '1k', n: 2 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'generation.task',
      model: 'offline-engine',
      status: 'queued',
      progress: 0,
    });
    expect(created.body.id).toMatch(/^img_/);
    await engine.idle();
    const done = await status(engine, created.body.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    expect(done.expires_at - done.completed_at).toBe(86_400);
    expect(done.completed_at).toBeLessThan(1e11); // seconds, not ms
    expect(done.result.data).toHaveLength(2);
    for (const { url } of done.result.data) {
      expect(url.startsWith(`${BASE}/v1/files/res_`)).toBe(true);
      const file = await call(engine, 'GET', new URL(url).pathname.replace('/engine', ''));
      expect(await sharp(Buffer.from(await file.arrayBuffer())).metadata()).toMatchObject({
        width: 1536,
        height: 1024,
      });
    }
  });

  it('fails a task whose mask is not the first image’s size, with the reason', async () => {
    const engine = open();
    const image = await upload(engine, coffee);
    const mask = await upload(engine, await sharp(coffeeMask).resize(300, 200).png().toBuffer());
    const { body } = await create(engine, { image_urls: [image], mask_url: mask });
    await engine.idle();
    expect(await status(engine, body.id)).toMatchObject({
      status: 'failed',
      error: {
        code: 'generation_failed',
        message: 'The mask is 300×200 but the first image is 600×400; they must be the same size',
      },
    });
  });

  it('fails an undecodable image in words, without crashing', async () => {
    const engine = open();
    const junk = Buffer.concat([coffee.subarray(0, 16), Buffer.alloc(500, 1)]);
    const image = await upload(engine, junk);
    const { body } = await create(engine, { image_urls: [image] });
    await engine.idle();
    const task = await status(engine, body.id);
    expect(task.status).toBe('failed');
    expect(task.error.message).toMatch(/could not be decoded/);
    // The engine still works afterwards.
    const next = await create(engine, { prompt: 'a lighthouse' });
    await engine.idle();
    expect((await status(engine, next.body.id)).status).toBe('completed');
  });

  it('resumes a queued task after a restart on the same data directory', async () => {
    const first = open({ paused: true });
    const image = await upload(first, coffee);
    const mask = await upload(first, coffeeMask);
    const { body } = await create(first, { image_urls: [image], mask_url: mask, size: '16:9' });
    await first.idle();
    expect((await status(first, body.id)).status).toBe('queued');
    await first.close();
    expect((await call(first, 'GET', '/v1/models')).status).toBe(503);

    const second = open();
    await second.idle();
    const task = await status(second, body.id);
    expect(task.status).toBe('completed');
    expect(task.result.data).toHaveLength(1);
  });

  it('resumes a task stopped mid-run', async () => {
    const first = open();
    const image = await upload(first, coffee);
    const mask = await upload(first, coffeeMask);
    // Exemplar fills take seconds, not the old Telea's milliseconds: 1k and n = 2 still stop mid-run.
    const { body } = await create(first, { image_urls: [image], mask_url: mask, size: '3:2', resolution: '1k', n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.close();
    const stopped = JSON.parse(await readFile(path.join(dataDir, 'engine', 'tasks', `${body.id}.json`), 'utf8')) as {
      status: string;
    };
    expect(['queued', 'in_progress', 'completed']).toContain(stopped.status);

    const second = open();
    await second.idle();
    const task = await status(second, body.id);
    expect(task.status).toBe('completed');
    expect(task.result.data).toHaveLength(2);
  }, 90_000);
});
