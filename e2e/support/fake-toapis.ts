/**
 * A small, real HTTP server that speaks the ToAPIs contract (../../../shared/docs/api-contract.md) for tests.
 * Importable from vitest and from Playwright: plain TypeScript, node:http + sharp, no `@/` alias, no server-only.
 *
 * - Uploads are kept in memory and served at `/files/<name>` (public, like files.toapis.com).
 * - Tasks start `queued`, are `in_progress` on the next poll, and complete after `completeAfterPolls` status polls
 *   with n real images (the first uploaded reference tinted, or a solid colour from the prompt).
 * - Every API request is recorded in `state.requests`.
 * - Faults are programmable from code (`fake.control(...)`) and over HTTP (`POST /__control` with the same JSON),
 *   so a Playwright test in another process can drive them. `GET /__control/requests` returns the log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp, { type Sharp } from 'sharp';

export type FaultTarget = 'create' | 'status' | 'upload' | 'download' | 'models';

/** One programmed misbehaviour. JSON-serialisable, so it can be sent to `POST /__control`. */
export interface Fault {
  on: FaultTarget;
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** Answer with this status. Without it the request is only delayed, then handled normally. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. `{{id}}`, `{{url}}` and `{{key}}` are filled in. */
  body?: unknown;
  contentType?: string;
  /** Wait this long first (a hang, when longer than the client's timeout). */
  delayMs?: number;
}

export interface ControlCommand {
  /** Keep tasks in_progress until `release`. */
  hold?: boolean;
  release?: boolean;
  /** Appended to the fault list; consumed in order. */
  faults?: Fault[];
  /** Forget requests, tasks, uploads, faults and hold. */
  reset?: boolean;
  completeAfterPolls?: number;
  /** Drift mode: edits behave like a regenerating model (`driftedImage`). */
  drift?: boolean;
}

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

/** Ready-made faults for the cases the client must survive. */
export const fakeFaults = {
  rateLimited: (on: FaultTarget = 'create', retryAfter = '1'): Fault => ({
    on,
    status: 429,
    headers: { 'Retry-After': retryAfter, 'X-RateLimit-Category': on === 'status' ? 'async_query' : 'async_submit' },
    contentType: 'application/json',
    body: { error: { code: 'rate_limit_exceeded', message: 'Async task request rate exceeded' } },
  }),
  htmlBadGateway: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 502,
    contentType: 'text/html',
    body:
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
      '<hr><center>tengine</center>\r\n<script>var x = "<b>never shown</b>";</script></body>\r\n</html>\r\n',
  }),
  unauthorized: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 401,
    contentType: 'application/json',
    body: {
      error: { code: 401, message: 'Authentication failed, please check your API key', type: 'authentication_error' },
    },
  }),
  badRequest: (param = 'prompt', on: FaultTarget = 'create'): Fault => ({
    on,
    status: 400,
    contentType: 'application/json',
    body: {
      error: {
        code: 'invalid_request',
        message: `The '${param}' field is required.`,
        param,
        type: 'invalid_request_error',
      },
    },
  }),
  insufficientQuota: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 402,
    contentType: 'application/json',
    body: { error: { code: 402, message: 'Insufficient account balance, please top up', type: 'payment_required' } },
  }),
  tooLarge: (on: FaultTarget = 'upload'): Fault => ({
    on,
    status: 413,
    contentType: 'application/json',
    body: { success: false, message: 'Image too large. Maximum size is 10MB' },
  }),
  unavailable: (on: FaultTarget = 'create', retryAfter = '2'): Fault => ({
    on,
    status: 503,
    headers: { 'Retry-After': retryAfter },
    contentType: 'application/json',
    body: { error: { code: 'rate_limit_unavailable', message: 'Submit limiter unavailable' } },
  }),
  /** Cut-off JSON with a 200. */
  malformedJson: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 200,
    contentType: 'application/json',
    body: '{"id": "tsk_broken", "status": "que',
  }),
  /** A 400 whose message echoes the caller's key (the client must scrub it). */
  echoesKey: (on: FaultTarget = 'create'): Fault => ({
    on,
    status: 400,
    contentType: 'application/json',
    body: { error: { code: 'invalid_request', message: 'Token {{key}} is not valid for this model' } },
  }),
  unknownStatusWord: (word = 'thinking'): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: { id: '{{id}}', object: 'generation.task', status: word, progress: 40 },
  }),
  completedWithoutUrl: (): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: {
      id: '{{id}}',
      object: 'generation.task',
      status: 'completed',
      progress: 100,
      result: { type: 'image', data: [] },
    },
  }),
  failedWithError: (message = 'call upstream API failed: upstream returned status 422'): Fault => ({
    on: 'status',
    status: 200,
    contentType: 'application/json',
    body: {
      id: '{{id}}',
      object: 'generation.task',
      status: 'failed',
      progress: 0,
      error: { code: 'generation_failed', message },
    },
  }),
  resultNotFound: (): Fault => ({ on: 'download', status: 404, contentType: 'text/plain', body: 'Not Found' }),
  /** No answer for `delayMs`, then a normal one: longer than the client's timeout, it is a hang. */
  hang: (on: FaultTarget = 'create', delayMs = 30_000): Fault => ({ on, delayMs }),
} satisfies Record<string, (...args: never[]) => Fault>;

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
    }
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

function targetOf(method: string, pathname: string): FaultTarget | undefined {
  if (method === 'POST' && pathname === '/v1/uploads/images') return 'upload';
  if (method === 'POST' && pathname === '/v1/images/generations') return 'create';
  if (method === 'GET' && /^\/v1\/images\/generations\/[^/]+$/.test(pathname)) return 'status';
  if (method === 'GET' && pathname === '/v1/models') return 'models';
  if (method === 'GET' && pathname.startsWith('/files/')) return 'download';
  return undefined;
}

/** A plausible picture: the first reference tinted (its aspect kept), or a solid colour from the prompt. */
async function resultImage(task: FakeTask, reference: StoredFile | undefined, index: number): Promise<Uint8Array> {
  const hash = createHash('sha256').update(`${task.prompt}#${index}`).digest();
  const colour = { r: hash[0] ?? 0, g: hash[1] ?? 0, b: hash[2] ?? 0 };
  let image: Sharp;
  if (reference) {
    const meta = await sharp(reference.bytes).rotate().metadata();
    const { width, height } = plausibleSize(
      task.size,
      meta.autoOrient?.width ?? meta.width ?? 1024,
      meta.autoOrient?.height ?? meta.height ?? 1024,
    );
    image = sharp(reference.bytes).rotate().resize({ width, height, fit: 'cover' }).tint(colour);
  } else {
    const { width, height } = plausibleSize(task.size, 1024, 1024);
    image = sharp({ create: { width, height, channels: 3, background: colour } });
  }
  const bytes =
    task.outputFormat === 'jpeg' ? await image.jpeg({ quality: 85 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(bytes);
}

/** Drift mode's pixels inside the mask: a colour no photo sample has, easy to find in a test. */
export const DRIFT_PAINT = { r: 255, g: 0, b: 255 };
/** Drift mode moves the whole frame right and down by this many pixels. */
export const DRIFT_SHIFT = 3;

/**
 * Drift mode: what a regenerating model does to an edit. Every pixel changes: the frame is hue-turned by 40° and
 * brightened 6 %, the masked area painted `DRIFT_PAINT`, and the whole picture moved by `DRIFT_SHIFT` px.
 */
async function driftedImage(task: FakeTask, reference: StoredFile, mask: StoredFile | undefined): Promise<Uint8Array> {
  const meta = await sharp(reference.bytes).rotate().metadata();
  const { width, height } = plausibleSize(
    task.size,
    meta.autoOrient?.width ?? meta.width ?? 1024,
    meta.autoOrient?.height ?? meta.height ?? 1024,
  );
  const frame = await sharp(reference.bytes)
    .rotate()
    .resize({ width, height, fit: 'cover' })
    .modulate({ hue: 40, brightness: 1.06 })
    .removeAlpha()
    .raw()
    .toBuffer();
  if (mask) {
    const alpha = await sharp(mask.bytes)
      .ensureAlpha()
      .extractChannel(3)
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer();
    for (let i = 0; i < width * height; i++) {
      if (alpha[i]! < 128) frame.set([DRIFT_PAINT.r, DRIFT_PAINT.g, DRIFT_PAINT.b], i * 3);
    }
  }
  const moved = Buffer.alloc(frame.length);
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, y - DRIFT_SHIFT);
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, x - DRIFT_SHIFT);
      frame.copy(moved, (y * width + x) * 3, (sy * width + sx) * 3, (sy * width + sx) * 3 + 3);
    }
  }
  const image = sharp(moved, { raw: { width, height, channels: 3 } });
  const bytes =
    task.outputFormat === 'jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(bytes);
}

/** Long side 1024, the ratio asked for (or the reference's for `auto`), sides rounded to 16. */
function plausibleSize(size: string, refWidth: number, refHeight: number): { width: number; height: number } {
  const match = /^(\d+):(\d+)$/.exec(size);
  const ratio = match ? Number(match[1]) / Number(match[2]) : refWidth / refHeight;
  const round = (v: number) => Math.max(16, Math.round(v / 16) * 16);
  return ratio >= 1 ? { width: 1024, height: round(1024 / ratio) } : { width: round(1024 * ratio), height: 1024 };
}

function sniff(b: Uint8Array): { mime: string; ext: string } | null {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { mime: 'image/png', ext: 'png' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { mime: 'image/gif', ext: 'gif' };
  if (
    Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP'
  ) {
    return { mime: 'image/webp', ext: 'webp' };
  }
  return null;
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
