import 'server-only';
import { normalizeUpstreamTask } from './normalize';
import type { AspectRatio, OutputFormat, Quality, Resolution } from '@/lib/jobs/options';
import type { UpstreamTask } from '@/lib/jobs/types';
import { rasterMimeType } from '@/lib/images/sniff';
import type { RequestBudget } from './budget';
import { readCapped } from '../http/read-capped';
import {
  UpstreamError,
  cleanMessage,
  isUpstreamError,
  kindForStatus,
  parseErrorBody,
  parseRetryAfter,
  reachedForStatus,
  registerSecret,
  type UpstreamOperation,
} from './errors';

/**
 * The ToAPIs HTTP client (api-contract.md). The same client talks to the offline engine over real HTTP.
 * It never retries: the job runner owns retry policy, guided by `UpstreamError.kind` and `reachedUpstream`.
 */

export interface ToapisClientConfig {
  /** e.g. `https://toapis.com` or `http://127.0.0.1:3000/engine`; paths are appended as `/v1/...`. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Upload, create and download timeout. Default 60 s. */
  timeoutMs?: number;
  /** Status/model-list timeout. Default 20 s, or `timeoutMs` when that is shorter. */
  statusTimeoutMs?: number;
  /** Hosts (besides the base URL's origin) results may be downloaded from, over https only. */
  fileHosts?: readonly string[];
  /** Refuse downloads larger than this, counted while streaming. Default 100 MB. */
  maxDownloadBytes?: number;
  /** Refuse JSON answers (and error bodies) larger than this, counted while streaming. Default 2 MB. */
  maxJsonBytes?: number;
  fetchImpl?: typeof fetch;
  /**
   * Budgets shared by every task in the process (see budget.ts): each create and each status query takes one
   * token first, and a 429/503 with Retry-After pauses the budget for everyone.
   */
  budgets?: { create?: RequestBudget; status?: RequestBudget };
}

export interface GenerationRequest {
  prompt: string;
  size: AspectRatio;
  resolution: Resolution;
  quality: Quality;
  n: number;
  outputFormat: OutputFormat;
  outputCompression?: number;
  imageUrls?: readonly string[];
  maskUrl?: string;
}

export interface UploadedImage {
  url: string;
  id?: string;
  mimeType?: string;
  size?: number;
}

export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface ToapisClient {
  uploadImage(file: { bytes: Uint8Array; filename: string; contentType: string }): Promise<UploadedImage>;
  createGeneration(req: GenerationRequest): Promise<UpstreamTask>;
  getGeneration(id: string): Promise<UpstreamTask>;
  downloadResult(url: string): Promise<DownloadedFile>;
  listModels(): Promise<string[]>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_STATUS_TIMEOUT_MS = 20_000;
const DEFAULT_FILE_HOSTS = ['files.toapis.com'];
/** A task or model list is a few KB; anything near this is not an answer we want to hold in memory. */
const DEFAULT_MAX_JSON_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;

interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** Build a client. Cheap: no I/O until a method is called. */
export function createToapisClient(config: ToapisClientConfig): ToapisClient {
  const base = new URL(config.baseUrl.replace(/\/+$/, '') + '/');
  const fetchImpl = config.fetchImpl ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const statusTimeoutMs = config.statusTimeoutMs ?? Math.min(DEFAULT_STATUS_TIMEOUT_MS, timeoutMs);
  const fileHosts = (config.fileHosts ?? DEFAULT_FILE_HOSTS).map((h) => h.toLowerCase());
  const maxDownloadBytes = config.maxDownloadBytes ?? 100 * 1024 * 1024;
  const maxJsonBytes = config.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const secrets = [config.apiKey];
  // Every message anywhere in the process (task failure texts included) is scrubbed of this key by value.
  registerSecret(config.apiKey);
  const clean = (text: string) => cleanMessage(text, secrets);

  function apiUrl(path: string): URL {
    return new URL(path.replace(/^\/+/, ''), base);
  }

  function isBaseOrigin(url: URL): boolean {
    return url.origin === base.origin;
  }

  /** One HTTP exchange, body included, under one deadline. Transport failures become typed errors. */
  async function exchange(op: UpstreamOperation, url: URL, init: RequestInit, ms: number): Promise<RawResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      // Downloads follow redirects by hand (see downloadResult); API calls let fetch follow, which drops
      // Authorization on a cross-origin hop.
      const redirect = op === 'download' ? 'manual' : 'follow';
      // `identity`: a compressed body could inflate far past what its length promised; the count below is the
      // real guard either way (fetch decodes whatever the server sends regardless of what we asked).
      const headers = new Headers(init.headers);
      headers.set('Accept-Encoding', 'identity');
      const res = await fetchImpl(url, { ...init, headers, signal: controller.signal, redirect, cache: 'no-store' });
      const limit = op === 'download' && res.ok ? maxDownloadBytes : maxJsonBytes;
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > limit) {
        await res.body?.cancel().catch(() => {});
        throw tooLarge(op, res.status, limit);
      }
      const bytes = await readCapped(res, limit);
      if (!bytes) throw tooLarge(op, res.status, limit);
      return { status: res.status, headers: res.headers, bytes };
    } catch (error) {
      if (isUpstreamError(error)) throw error;
      if (controller.signal.aborted) {
        throw new UpstreamError({
          kind: 'timeout',
          operation: op,
          reachedUpstream: 'unknown',
          message: `No answer from ${op} within ${ms} ms`,
          cause: error,
        });
      }
      const code = networkCode(error);
      // Refused or unresolvable: the request never left; anything else (reset mid-flight) might have arrived.
      const refused =
        code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH';
      throw new UpstreamError({
        kind: 'network',
        operation: op,
        reachedUpstream: refused ? 'no' : 'unknown',
        message: clean(`Network error during ${op}${code ? ` (${code})` : ''}`),
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  function tooLarge(op: UpstreamOperation, status: number, limit: number): UpstreamError {
    return new UpstreamError({
      // A result too big to keep is final; an oversized API answer is an answer we cannot read.
      kind: op === 'download' && status >= 200 && status < 300 ? 'too_large' : 'malformed',
      operation: op,
      status,
      reachedUpstream: 'yes',
      message: `The ${op} answer is larger than ${limit} bytes`,
    });
  }

  function httpError(op: UpstreamOperation, res: RawResponse): UpstreamError {
    const text = new TextDecoder().decode(res.bytes.subarray(0, 64 * 1024));
    const parsed = parseErrorBody(res.status, text, res.headers.get('content-type') ?? '', secrets);
    let kind = kindForStatus(res.status);
    // The real upload endpoint answers an oversized file with 400 "Image too large…" (api-contract.md §4).
    if (op === 'upload' && kind === 'bad_request' && /too large/i.test(parsed.message)) kind = 'too_large';
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return new UpstreamError({
      kind,
      operation: op,
      status: res.status,
      reachedUpstream: reachedForStatus(res.status),
      message: parsed.message,
      ...(parsed.code !== undefined && { code: parsed.code }),
      ...(parsed.param !== undefined && { param: parsed.param }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }

  function parseJson(op: UpstreamOperation, res: RawResponse): unknown {
    try {
      return JSON.parse(new TextDecoder().decode(res.bytes)) as unknown;
    } catch {
      throw new UpstreamError({
        kind: 'malformed',
        operation: op,
        status: res.status,
        reachedUpstream: 'yes',
        message: `The ${op} answer was not JSON (HTTP ${res.status})`,
      });
    }
  }

  async function callJson(op: UpstreamOperation, url: URL, init: RequestInit, ms: number): Promise<unknown> {
    const budget = op === 'create' ? config.budgets?.create : op === 'status' ? config.budgets?.status : undefined;
    await budget?.take();
    const res = await exchange(
      op,
      url,
      { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string>) } },
      ms,
    );
    if (res.status < 200 || res.status >= 300) {
      const error = httpError(op, res);
      if (error.retryAfterMs !== undefined && (res.status === 429 || res.status === 503))
        budget?.pause(error.retryAfterMs);
      throw error;
    }
    return parseJson(op, res);
  }

  function authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${config.apiKey}`, Accept: 'application/json' };
  }

  function toTask(op: UpstreamOperation, body: unknown): UpstreamTask {
    try {
      return normalizeUpstreamTask(body);
    } catch (error) {
      if (isUpstreamError(error)) {
        // A 2xx with an error body and no id (some relays do that) says more than "no id".
        const detail = parseErrorBody(200, JSON.stringify(body ?? null), 'application/json', secrets).message;
        throw new UpstreamError({
          kind: 'malformed',
          operation: op,
          reachedUpstream: 'yes',
          message:
            detail === 'HTTP 200' ? `The ${op} answer has no task id` : `The ${op} answer has no task id: ${detail}`,
        });
      }
      throw error;
    }
  }

  return {
    async uploadImage({ bytes, filename, contentType }) {
      const form = new FormData();
      form.append('file', new Blob([bytes.slice()], { type: contentType }), filename);
      const body = await callJson('upload', apiUrl('v1/uploads/images'), { method: 'POST', body: form }, timeoutMs);
      const rec = asRecord(body);
      const data = asRecord(rec?.data) ?? rec;
      const url = typeof data?.url === 'string' ? data.url : undefined;
      if (rec?.success === false || !url) {
        const message =
          typeof rec?.message === 'string' && rec.message ? clean(rec.message) : 'The upload answer has no URL';
        const kind = rec?.success !== false ? 'malformed' : /too large/i.test(message) ? 'too_large' : 'bad_request';
        throw new UpstreamError({ kind, operation: 'upload', status: 200, reachedUpstream: 'yes', message });
      }
      const uploaded: UploadedImage = { url };
      if (typeof data?.id === 'string') uploaded.id = data.id;
      if (typeof data?.mime_type === 'string') uploaded.mimeType = data.mime_type;
      if (typeof data?.size === 'number') uploaded.size = data.size;
      return uploaded;
    },

    async createGeneration(req) {
      const body = await callJson(
        'create',
        apiUrl('v1/images/generations'),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(generationBody(config.model, req)),
        },
        timeoutMs,
      );
      return toTask('create', body);
    },

    async getGeneration(id) {
      const body = await callJson(
        'status',
        apiUrl(`v1/images/generations/${encodeURIComponent(id)}`),
        { method: 'GET' },
        statusTimeoutMs,
      );
      return toTask('status', body);
    },

    async downloadResult(rawUrl) {
      let url = parseAllowedUrl(rawUrl);
      for (let hop = 0; ; hop++) {
        const headers: Record<string, string> = isBaseOrigin(url) ? { Authorization: `Bearer ${config.apiKey}` } : {};
        const res = await exchange('download', url, { method: 'GET', headers }, timeoutMs);
        const location = res.headers.get('location');
        if (res.status >= 300 && res.status < 400 && location && hop < MAX_REDIRECTS) {
          // Follow by hand so every hop passes the host check and the key never follows a redirect elsewhere.
          url = parseAllowedUrl(new URL(location, url).toString());
          continue;
        }
        if (res.status < 200 || res.status >= 300) throw httpError('download', res);
        const sniffed = rasterMimeType(res.bytes);
        if (!sniffed) {
          throw new UpstreamError({
            kind: 'malformed',
            operation: 'download',
            status: res.status,
            reachedUpstream: 'yes',
            message: `The result is not an image (${clean(res.headers.get('content-type') ?? 'no content type')})`,
          });
        }
        return { bytes: res.bytes, contentType: sniffed };
      }
    },

    async listModels() {
      const body = await callJson('models', apiUrl('v1/models?type=image'), { method: 'GET' }, statusTimeoutMs);
      const list = Array.isArray(body) ? body : asRecord(body)?.data;
      if (!Array.isArray(list)) {
        throw new UpstreamError({
          kind: 'malformed',
          operation: 'models',
          reachedUpstream: 'yes',
          message: 'The model list has no data array',
        });
      }
      return list
        .map((item) => (typeof item === 'string' ? item : asRecord(item)?.id))
        .filter((id): id is string => typeof id === 'string' && id !== '');
    },
  };

  function parseAllowedUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw forbidden('The result URL is not a valid URL');
    }
    if (isBaseOrigin(url)) return url;
    if (url.protocol === 'https:' && url.port === '' && fileHosts.includes(url.hostname.toLowerCase())) return url;
    const host = clean(
      url.protocol === 'https:' || !url.host ? url.host || 'an unknown host' : `${url.protocol}//${url.host}`,
    );
    throw forbidden(`Refusing to download from ${host}`, host);
  }
}

function forbidden(message: string, host?: string): UpstreamError {
  return new UpstreamError({
    kind: 'forbidden_host',
    operation: 'download',
    reachedUpstream: 'no',
    message,
    ...(host && {
      userMessage: `The result is on ${host}, which is not an allowed file host (https only; add it to TOAPIS_FILE_HOSTS to allow it).`,
    }),
  });
}

/** The JSON body, snake_case, with only the fields the docs list for this model (api-contract.md §2). */
export function generationBody(model: string, req: GenerationRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    prompt: req.prompt,
    size: req.size,
    resolution: req.resolution,
    quality: req.quality,
    n: Number(req.n),
    output_format: req.outputFormat,
  };
  if (req.outputFormat === 'jpeg' && req.outputCompression !== undefined)
    body.output_compression = req.outputCompression;
  const imageUrls = req.imageUrls?.filter((u) => u) ?? [];
  if (imageUrls.length > 0) {
    body.image_urls = [...imageUrls];
    if (req.maskUrl) body.mask_url = req.maskUrl;
  }
  return body;
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
