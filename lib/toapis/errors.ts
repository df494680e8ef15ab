/**
 * The one error type the upstream client throws, and the one lenient parser of upstream error bodies.
 * Pure (no `server-only`): `normalize.ts` and the tests import it. Nothing here may leak the API key or
 * raw HTML into a message: every message passes through `cleanMessage`.
 */
import { processSingleton } from '@/lib/process-singleton';

export type UpstreamErrorKind =
  | 'auth'
  | 'quota'
  | 'bad_request'
  | 'not_found'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'forbidden_host';

/**
 * Whether the request may have had an effect upstream. What matters is create: 'no' is safe to resend,
 * 'unknown' may have created a task (POST is not idempotent upstream), 'yes' was seen and answered.
 */
export type ReachedUpstream = 'no' | 'yes' | 'unknown';

export type UpstreamOperation = 'upload' | 'create' | 'status' | 'download' | 'models';

export interface UpstreamErrorInit {
  kind: UpstreamErrorKind;
  /** Detail for logs. Already cleaned (no HTML, no key). */
  message: string;
  reachedUpstream: ReachedUpstream;
  status?: number;
  retryAfterMs?: number;
  param?: string;
  /** Upstream's own error code, as a string (`rate_limit_exceeded`, `401`, …). */
  code?: string;
  operation?: UpstreamOperation;
  userMessage?: string;
  cause?: unknown;
}

/**
 * The brand every UpstreamError carries. The production build bundles this module once per server layer (route
 * handlers and instrumentation in one, server actions and pages in another), while the upstream client is one
 * process-wide singleton on `globalThis`: an error made by one layer's copy of the class fails `instanceof` against
 * the other's. A registered symbol is the same value in every copy, so `isUpstreamError` holds wherever it is caught.
 */
const UPSTREAM_ERROR_BRAND = Symbol.for('overpaint.upstream-error');

export class UpstreamError extends Error {
  readonly [UPSTREAM_ERROR_BRAND] = true;
  readonly kind: UpstreamErrorKind;
  readonly reachedUpstream: ReachedUpstream;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly param?: string;
  readonly code?: string;
  readonly operation?: UpstreamOperation;
  /** A sentence fit to show a user. */
  readonly userMessage: string;

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'UpstreamError';
    this.kind = init.kind;
    this.reachedUpstream = init.reachedUpstream;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.param !== undefined) this.param = init.param;
    if (init.code !== undefined) this.code = init.code;
    if (init.operation !== undefined) this.operation = init.operation;
    this.userMessage = init.userMessage ?? defaultUserMessage(init.kind, init.message);
  }
}

/** The one way to recognise an upstream error: by its brand, never `instanceof` (see UPSTREAM_ERROR_BRAND). */
export function isUpstreamError(value: unknown): value is UpstreamError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UPSTREAM_ERROR_BRAND] === true
  );
}

const USER_MESSAGES: Record<UpstreamErrorKind, string> = {
  auth: 'The image service rejected the API key. Check TOAPIS_API_KEY.',
  quota: 'The image service account has run out of balance.',
  bad_request: 'The image service refused the request.',
  not_found: 'The image service no longer knows this task or file.',
  too_large: 'The image is too large for the image service (10 MB at most).',
  rate_limited: 'The image service is busy (rate limited). Try again shortly.',
  unavailable: 'The image service is temporarily unavailable. Try again shortly.',
  server: 'The image service had an internal error.',
  timeout: 'The image service did not answer in time.',
  network: 'The image service could not be reached.',
  malformed: 'The image service sent an answer that could not be understood.',
  forbidden_host: 'A result pointed at an address this app will not download from.',
};

function defaultUserMessage(kind: UpstreamErrorKind, detail: string): string {
  // For refusals the upstream sentence is the useful part ("The 'prompt' field is required."); it is cleaned already.
  if ((kind === 'bad_request' || kind === 'too_large') && detail && !/^HTTP \d+$/.test(detail)) {
    return `${USER_MESSAGES[kind]} ${ensureSentence(detail)}`;
  }
  return USER_MESSAGES[kind];
}

function ensureSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What the HTTP status says happened. The body never decides the kind (its shape is unreliable upstream). */
export function kindForStatus(status: number): UpstreamErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** 429 and 503 are refused before any work (the submit limiter); other 5xx may have been half-done. */
export function reachedForStatus(status: number): ReachedUpstream {
  if (status === 429 || status === 503) return 'no';
  if (status >= 500 || status === 408) return 'unknown';
  return 'yes';
}

export interface ParsedErrorBody {
  message: string;
  code?: string;
  param?: string;
  type?: string;
}

const MAX_MESSAGE_CHARS = 300;

/**
 * The lenient parser: `error.message` → `message` → `fail_reason` → `<title>` of an HTML page → `HTTP <status>`.
 * `error.code` may be an integer or a string; `error` may itself be a string. HTML never reaches the message.
 */
export function parseErrorBody(
  status: number,
  body: string,
  contentType = '',
  secrets: readonly string[] = [],
): ParsedErrorBody {
  const fallback = `HTTP ${status}`;
  const trimmed = body.trim();
  const json = tryParseJson(trimmed);
  if (isRecord(json)) {
    const err = json.error;
    const errObj = isRecord(err) ? err : undefined;
    const candidates = [
      errObj?.message,
      typeof err === 'string' ? err : undefined,
      json.message,
      json.fail_reason,
      json.msg,
      json.detail,
    ];
    const raw = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
    const parsed: ParsedErrorBody = { message: (raw && cleanMessage(raw, secrets)) || fallback };
    const code = scalarString(errObj?.code ?? json.code);
    if (code) parsed.code = cleanMessage(code, secrets);
    const param = scalarString(errObj?.param ?? json.param);
    if (param) parsed.param = cleanMessage(param, secrets);
    const type = scalarString(errObj?.type ?? json.type);
    if (type) parsed.type = type;
    return parsed;
  }
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml)/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1];
    const cleaned = title ? cleanMessage(title, secrets) : '';
    return { message: cleaned || fallback };
  }
  // A short plain-text body ("Bad Gateway") is worth keeping; anything tag-like or long is not.
  if (trimmed && trimmed.length <= 200 && !trimmed.includes('<')) {
    return { message: cleanMessage(trimmed, secrets) || fallback };
  }
  return { message: fallback };
}

/** Strip tags, decode the common entities, collapse whitespace, scrub secrets, cap the length. */
export function cleanMessage(text: string, secrets: readonly string[] = []): string {
  let out = text
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    // Entities are decoded after the tags are gone, and `&lt;`/`&gt;` become spaces, so no tag can be rebuilt.
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e] ?? ' ');
  out = scrubSecrets(out, secrets);
  out = out.replace(/\s+/g, ' ').trim();
  if (out.length > MAX_MESSAGE_CHARS) out = `${out.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: ' ', gt: ' ', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

const knownSecrets = processSingleton('known-secrets', () => new Set<string>());

/**
 * Registers a value that must never appear in a message (the API key, the engine's secret, the webhook secret).
 * Process-wide on `globalThis`, so every copy of this module scrubs it, whichever layer registered it; every
 * `cleanMessage` and `scrubSecrets` then removes it by value, not only the `sk-…`/`Bearer …` patterns.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 4) return;
  knownSecrets.get().add(value);
}

/** Replace every secret (given, registered, or anything that looks like a bearer token) with a marker. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const known = [...secrets, ...knownSecrets.get()].sort((a, b) => b.length - a.length);
  for (const secret of known) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, '[redacted]');
}

/** `Retry-After` as milliseconds: delta-seconds (possibly fractional) or an HTTP date. Capped at one day. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(Math.round(Number(value) * 1000), DAY_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), DAY_MS);
}

const DAY_MS = 86_400_000;

function tryParseJson(text: string): unknown {
  if (!text || (text[0] !== '{' && text[0] !== '[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
