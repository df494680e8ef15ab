/**
 * The engine's HTTP layer: a framework-agnostic `(Request) => Response` that speaks the ToAPIs contract
 * (api-contract.md §1–5). Paths are matched from `/v1/` on, so it works mounted at `/engine` or at the root.
 * Nothing here touches pixels; work is handed to the queue and the request returns at once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mimeForFile, sniffImage } from './files';
import type { EngineStore, EngineTask } from './store';
import { newTaskId } from './store';
import { validateGenerationRequest } from './validate';
import { readCapped } from '../http/read-capped';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_JSON_BYTES = 256 * 1024;
const TOO_LARGE = 'Image too large. Maximum size is 10MB';
const UNSUPPORTED = 'Unsupported image type. Allowed: JPEG, PNG, WebP, GIF';

export interface HttpDeps {
  store: EngineStore;
  secret: string;
  publicBaseUrl: string;
  enqueue(id: string): void;
  isClosed(): boolean;
  sizeOf(name: string): Promise<{ width: number; height: number } | null>;
}

export function createHttpHandler(deps: HttpDeps): (req: Request) => Promise<Response> {
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const fileUrl = (name: string) => `${base}/v1/files/${name}`;

  return async function handle(req: Request): Promise<Response> {
    try {
      if (deps.isClosed()) return apiError(503, 'The offline engine is shutting down', 'service_unavailable');
      if (!authorised(req.headers.get('authorization'), deps.secret)) {
        return apiError(401, 'Authentication failed, please check your API key', 'authentication_error');
      }
      const pathname = new URL(req.url).pathname;
      const at = pathname.indexOf('/v1/');
      const route = at === -1 ? '' : pathname.slice(at);
      const method = req.method.toUpperCase();

      if (route === '/v1/uploads/images') return method === 'POST' ? await upload(req) : notAllowed();
      if (route === '/v1/images/generations') return method === 'POST' ? await create(req) : notAllowed();
      if (route === '/v1/models') return method === 'GET' ? models() : notAllowed();
      const task = /^\/v1\/images\/generations\/([^/]+)$/.exec(route);
      if (task?.[1]) return method === 'GET' ? await status(decodeURIComponent(task[1])) : notAllowed();
      const file = /^\/v1\/files\/([^/]+)$/.exec(route);
      if (file?.[1]) return method === 'GET' || method === 'HEAD' ? await serveFile(file[1], method) : notAllowed();
      return apiError(404, 'Not found', 'not_found_error');
    } catch (error) {
      console.error('[engine] request failed:', error);
      return apiError(500, 'Internal error in the offline engine', 'server_error');
    }
  };

  async function upload(req: Request): Promise<Response> {
    const contentType = req.headers.get('content-type') ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) {
      return json(400, { success: false, message: "Expected multipart/form-data with a 'file' field" });
    }
    if (Number(req.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) {
      return json(413, { success: false, message: TOO_LARGE });
    }
    const body = await readCapped(req, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES);
    if (!body) return json(413, { success: false, message: TOO_LARGE });
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return json(400, { success: false, message: 'The multipart body could not be read' });
    }
    const file = form.get('file');
    if (!file || typeof file === 'string')
      return json(400, { success: false, message: "No file uploaded (multipart field 'file')" });
    if (file.size > MAX_UPLOAD_BYTES) return json(400, { success: false, message: TOO_LARGE });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniffImage(bytes);
    if (!type) return json(400, { success: false, message: UNSUPPORTED });
    const name = await deps.store.saveUpload(bytes, type.ext);
    return json(200, {
      success: true,
      message: '',
      data: { id: `upload_${name.slice(3, 15)}`, url: fileUrl(name), mime_type: type.mime, size: bytes.byteLength },
    });
  }

  async function create(req: Request): Promise<Response> {
    const raw = await readCapped(req, MAX_JSON_BYTES);
    if (!raw) return apiError(413, 'The request body is too large', 'invalid_request_error');
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw)) as unknown;
    } catch {
      return invalidRequest('invalid_request', 'The request body must be valid JSON.', 'body');
    }
    const checked = await validateGenerationRequest(body, { hasFile: deps.store.hasFile, sizeOf: deps.sizeOf });
    if (!checked.ok) return invalidRequest(checked.code, checked.message, checked.param);

    const task: EngineTask = {
      id: newTaskId(),
      model: checked.model,
      status: 'queued',
      progress: 0,
      createdAt: Math.floor(Date.now() / 1000),
      completedAt: null,
      expiresAt: null,
      request: checked.request,
      resultFiles: [],
      error: null,
    };
    await deps.store.saveTask(task);
    deps.enqueue(task.id);
    return json(200, present(task));
  }

  async function status(id: string): Promise<Response> {
    const task = await deps.store.loadTask(id);
    if (!task) return apiError(404, 'Task not found', 'not_found_error');
    return json(200, present(task));
  }

  function models(): Response {
    return json(200, {
      object: 'list',
      data: [{ id: 'offline-engine', object: 'model', created: 0, owned_by: 'overpaint', type: 'image' }],
    });
  }

  async function serveFile(name: string, method: string): Promise<Response> {
    const bytes = await deps.store.readFile(name);
    if (!bytes) return apiError(404, 'File not found', 'not_found_error');
    return new Response(method === 'HEAD' ? null : new Uint8Array(bytes), {
      status: 200,
      headers: {
        'Content-Type': mimeForFile(name),
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'private, max-age=86400, immutable',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }

  /** The task as the API shows it (api-contract.md §3). URLs are built now, from the current public base. */
  function present(task: EngineTask): Record<string, unknown> {
    const view: Record<string, unknown> = {
      id: task.id,
      object: 'generation.task',
      model: task.model,
      status: task.status,
      progress: task.progress,
      created_at: task.createdAt,
      metadata: {},
    };
    if (task.status === 'completed') {
      view.completed_at = task.completedAt;
      view.expires_at = task.expiresAt;
      view.result = { type: 'image', data: task.resultFiles.map((name) => ({ url: fileUrl(name) })) };
    }
    if (task.status === 'failed') view.error = task.error ?? { code: 'generation_failed', message: 'The task failed' };
    return view;
  }
}

/** Constant-time: both sides are hashed first, so neither length nor content leaks through timing. */
function authorised(header: string | null, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  const given = createHash('sha256')
    .update(match?.[1]?.trim() ?? '')
    .digest();
  const expected = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, expected) && Boolean(match);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function apiError(status: number, message: string, type: string): Response {
  return json(status, { error: { code: status, message, type } });
}

function invalidRequest(code: string, message: string, param: string): Response {
  return json(400, { error: { code, message, param, type: 'invalid_request_error' } });
}

function notAllowed(): Response {
  return apiError(405, 'Method not allowed', 'invalid_request_error');
}
