/**
 * A small, real HTTP server that speaks the ToAPIs contract (../../../../shared/docs/api-contract.md) for tests.
 * Importable from vitest and from Playwright: plain TypeScript, node:http + sharp, no `@/` alias, no server-only.
 *
 * - Uploads are kept in memory and served at `/files/<name>` (public, like files.toapis.com).
 * - Tasks start `queued`, are `in_progress` on the next poll, and complete after `completeAfterPolls` status polls
 *   with n real images (the first uploaded reference tinted, or a solid colour from the prompt).
 * - Every API request is recorded in `state.requests`.
 * - Faults are programmable from code (`fake.control(...)`) and over HTTP (`POST /__control` with the same JSON),
 *   so a Playwright test in another process can drive them. `GET /__control/requests` returns the log.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { targetOf, type ControlCommand, type Fault, type FaultTarget } from './faults';
import { driftedImage, resultImage, sniff } from './images';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** Parsed JSON body; for uploads `{ file: { filename, contentType, size } }`; otherwise null. */
  body: unknown;
  authorized: boolean;
  at: number;
}

export interface FakeTask {
  id: string;
  prompt: string;
  size: string;
  n: number;
  outputFormat: 'png' | 'jpeg';
  imageUrls: string[];
  maskUrl: string | null;
  polls: number;
  status: 'queued' | 'in_progress' | 'completed';
  createdAt: number;
  completedAt: number | null;
  resultNames: string[];
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface FakeToapisState {
  requests: RecordedRequest[];
  files: Map<string, StoredFile>;
  tasks: Map<string, FakeTask>;
  faults: Fault[];
  hold: boolean;
  completeAfterPolls: number;
  drift: boolean;
  completedExtras: Record<string, unknown> | null;
}

export interface FakeToapis {
  /** `http://127.0.0.1:<port>`: use as the client's base URL. */
  url: string;
  port: number;
  apiKey: string;
  state: FakeToapisState;
  control(command: ControlCommand): void;
  close(): Promise<void>;
}

export interface FakeToapisOptions {
  apiKey?: string;
  port?: number;
  host?: string;
  completeAfterPolls?: number;
  drift?: boolean;
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Start the fake on `host:port` (port 0 = any free port). */
export async function startFakeToapis(options: FakeToapisOptions = {}): Promise<FakeToapis> {
  const apiKey = options.apiKey ?? 'test-key';
  const host = options.host ?? '127.0.0.1';
  const defaultPolls = options.completeAfterPolls ?? 2;
  const state: FakeToapisState = {
    requests: [],
    files: new Map(),
    tasks: new Map(),
    faults: [],
    hold: false,
    completeAfterPolls: defaultPolls,
    drift: options.drift ?? false,
    completedExtras: null,
  };
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  function control(command: ControlCommand): void {
    if (command.reset) {
      state.requests.length = 0;
      state.files.clear();
      state.tasks.clear();
      state.faults.length = 0;
      state.hold = false;
      state.completeAfterPolls = defaultPolls;
      state.drift = options.drift ?? false;
      state.completedExtras = null;
    }
    if (command.completedExtras !== undefined) state.completedExtras = command.completedExtras;
    if (command.drift !== undefined) state.drift = command.drift;
    if (command.hold !== undefined) state.hold = command.hold;
    if (command.release) state.hold = false;
    if (command.completeAfterPolls !== undefined) state.completeAfterPolls = Math.max(0, command.completeAfterPolls);
    if (command.faults) state.faults.push(...command.faults.map((f) => ({ ...f, times: f.times ?? 1 })));
  }

  function takeFault(on: FaultTarget): Fault | undefined {
    const index = state.faults.findIndex((f) => f.on === on && (f.times ?? 1) > 0);
    const fault = state.faults[index];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) state.faults.splice(index, 1);
    return fault;
  }

  function wait(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      });
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[fake-toapis] handler failed:', error);
      if (!res.headersSent)
        send(res, 500, { error: { code: 500, message: 'fake-toapis internal error', type: 'server_error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);

    if (url.pathname === '/__control' && method === 'POST') {
      control(parseJson(raw) as ControlCommand);
      return send(res, 200, { ok: true, hold: state.hold, faults: state.faults.length });
    }
    if (url.pathname === '/__control/requests' && method === 'GET') return send(res, 200, state.requests);

    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    const target = targetOf(method, url.pathname);
    state.requests.push({
      method,
      path: url.pathname + url.search,
      body: await describeBody(req, raw),
      authorized,
      at: Date.now(),
    });

    if (target) {
      const fault = takeFault(target);
      if (fault) {
        if (fault.delayMs && !(await wait(fault.delayMs, res))) return;
        if (fault.status !== undefined) return sendFault(res, fault, url.pathname);
      }
    }

    if (target === 'download') return serveFile(res, decodeURIComponent(url.pathname.slice('/files/'.length)));
    if (!authorized) {
      return send(res, 401, {
        error: { code: 401, message: 'Authentication failed, please check your API key', type: 'authentication_error' },
      });
    }
    switch (target) {
      case 'upload':
        return upload(req, res, raw);
      case 'create':
        return create(res, raw);
      case 'status':
        return status(res, decodeURIComponent(url.pathname.split('/').pop() ?? ''));
      case 'models':
        return send(res, 200, {
          object: 'list',
          data: [{ id: 'gpt-image-1.5-official', object: 'model', type: 'image' }],
        });
      default:
        return send(res, 404, { error: { code: 404, message: 'Not found', type: 'not_found_error' } });
    }
  }

  function sendFault(res: ServerResponse, fault: Fault, pathname: string): void {
    const id = pathname.startsWith('/v1/images/generations/')
      ? decodeURIComponent(pathname.split('/').pop() ?? '')
      : newId('task');
    const text = (typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {}))
      .replaceAll('{{id}}', id)
      .replaceAll('{{url}}', baseUrl)
      .replaceAll('{{key}}', apiKey);
    const contentType = fault.contentType ?? (typeof fault.body === 'string' ? 'text/plain' : 'application/json');
    res.writeHead(fault.status ?? 500, { 'Content-Type': contentType, ...fault.headers });
    res.end(text);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    if (raw.byteLength > MAX_UPLOAD_BYTES + 64 * 1024)
      return send(res, 413, { success: false, message: 'Image too large. Maximum size is 10MB' });
    const file = (await parseMultipart(req, raw))?.get('file');
    if (!file || typeof file === 'string')
      return send(res, 400, { success: false, message: "No file uploaded (multipart field 'file')" });
    if (file.size > MAX_UPLOAD_BYTES)
      return send(res, 400, { success: false, message: 'Image too large. Maximum size is 10MB' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniff(bytes);
    if (!type)
      return send(res, 400, { success: false, message: 'Unsupported image type. Allowed: JPEG, PNG, WebP, GIF' });
    const name = `${newId('upload')}.${type.ext}`;
    state.files.set(name, { bytes, contentType: type.mime });
    send(res, 200, {
      success: true,
      message: '',
      data: {
        id: name.replace(/\..*$/, ''),
        url: `${baseUrl}/files/${name}`,
        mime_type: type.mime,
        size: bytes.byteLength,
      },
    });
  }

  function create(res: ServerResponse, raw: Buffer): void {
    const body = parseJson(raw) as Record<string, unknown> | undefined;
    const invalid = (param: string, message: string) =>
      send(res, 400, { error: { code: 'invalid_request', message, param, type: 'invalid_request_error' } });
    if (!body || typeof body !== 'object') return invalid('body', 'The request body must be JSON.');
    if (typeof body.prompt !== 'string' || !body.prompt.trim())
      return invalid('prompt', "The 'prompt' field is required.");
    const n = body.n ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10)
      return invalid('n', "The 'n' field must be an integer from 1 to 10.");
    const imageUrls = body.image_urls ?? [];
    if (!Array.isArray(imageUrls) || imageUrls.some((u) => typeof u !== 'string'))
      return invalid('image_urls', "'image_urls' must be an array of URLs.");
    if (imageUrls.length > 16) return invalid('image_urls', "'image_urls' takes at most 16 images.");
    if (body.mask_url !== undefined && imageUrls.length === 0)
      return invalid('mask_url', "'mask_url' is only valid together with 'image_urls'.");
    const task: FakeTask = {
      id: newId('tsk_img'),
      prompt: body.prompt,
      size: typeof body.size === 'string' ? body.size : '1:1',
      n,
      outputFormat: body.output_format === 'jpeg' ? 'jpeg' : 'png',
      imageUrls: imageUrls as string[],
      maskUrl: typeof body.mask_url === 'string' ? body.mask_url : null,
      polls: 0,
      status: 'queued',
      createdAt: Math.floor(Date.now() / 1000),
      completedAt: null,
      resultNames: [],
    };
    state.tasks.set(task.id, task);
    send(res, 200, view(task));
  }

  async function status(res: ServerResponse, id: string): Promise<void> {
    const task = state.tasks.get(id);
    if (!task) return send(res, 404, { error: { code: 404, message: 'Task not found', type: 'not_found_error' } });
    if (task.status !== 'completed') {
      task.polls += 1;
      if (!state.hold && task.polls >= state.completeAfterPolls) await complete(task);
      else task.status = 'in_progress';
    }
    send(res, 200, view(task));
  }

  async function complete(task: FakeTask): Promise<void> {
    const reference = task.imageUrls[0] ? state.files.get(task.imageUrls[0].split('/files/').pop() ?? '') : undefined;
    const mask = task.maskUrl ? state.files.get(task.maskUrl.split('/files/').pop() ?? '') : undefined;
    for (let i = 0; i < task.n; i++) {
      const bytes =
        state.drift && reference ? await driftedImage(task, reference, mask) : await resultImage(task, reference, i);
      const name = `${task.id}_${i}.${task.outputFormat === 'jpeg' ? 'jpg' : 'png'}`;
      state.files.set(name, { bytes, contentType: task.outputFormat === 'jpeg' ? 'image/jpeg' : 'image/png' });
      task.resultNames.push(name);
    }
    task.status = 'completed';
    task.completedAt = Math.floor(Date.now() / 1000);
  }

  function view(task: FakeTask): Record<string, unknown> {
    const progress =
      task.status === 'completed'
        ? 100
        : task.status === 'queued'
          ? 0
          : state.hold
            ? 50
            : Math.min(90, Math.round((100 * task.polls) / Math.max(1, state.completeAfterPolls)));
    const out: Record<string, unknown> = {
      id: task.id,
      object: 'generation.task',
      model: 'gpt-image-1.5-official',
      status: task.status,
      progress,
      created_at: task.createdAt,
      metadata: {},
    };
    if (task.status === 'completed' && task.completedAt) {
      out.completed_at = task.completedAt;
      out.expires_at = task.completedAt + 86_400;
      out.result = { type: 'image', data: task.resultNames.map((name) => ({ url: `${baseUrl}/files/${name}` })) };
      Object.assign(out, state.completedExtras);
    }
    return out;
  }

  function serveFile(res: ServerResponse, name: string): void {
    const file = state.files.get(name);
    if (!file) return send(res, 404, { error: { code: 404, message: 'File not found', type: 'not_found_error' } });
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.byteLength) });
    res.end(file.bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    port,
    apiKey,
    state,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.byteLength;
    // Keep reading (so the client is not cut off) but stop storing past the limit.
    if (total <= MAX_UPLOAD_BYTES * 2) chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

async function parseMultipart(req: IncomingMessage, raw: Buffer): Promise<FormData | null> {
  try {
    return await new Response(new Uint8Array(raw), {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
  } catch {
    return null;
  }
}

async function describeBody(req: IncomingMessage, raw: Buffer): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return parseJson(raw) ?? raw.toString('utf8').slice(0, 2000);
  if (type.includes('multipart/form-data')) {
    const form = await parseMultipart(req, raw);
    const file = form?.get('file');
    const fields: Record<string, unknown> = {};
    form?.forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value;
    });
    return {
      ...fields,
      file: file && typeof file !== 'string' ? { filename: file.name, contentType: file.type, size: file.size } : null,
    };
  }
  return null;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
