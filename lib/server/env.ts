import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import type { EngineKind } from '@/lib/jobs/types';
import { registerSecret } from '@/lib/toapis/errors';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The environment, read once and validated. Everything else asks this module, never `process.env`.
 * The API key stays in here and in the upstream client; `publicEnv()` is the only part that may reach a page.
 */
const envSchema = z.object({
  TOAPIS_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  TOAPIS_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://toapis.com'),
  TOAPIS_MODEL: z.string().trim().min(1).default('gpt-image-1.5-official'),
  TOAPIS_WEBHOOK_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Set: the studio needs a login with this password. Unset: the studio is open (embedded, local use). */
  APP_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Who may use the studio: `open` (no sign-in: one person on their own machine), `password` (one shared
   * APP_PASSWORD; implied when it is set), `accounts` (people sign in with their own account and role).
   */
  AUTH_MODE: z.enum(['open', 'password', 'accounts'], { error: 'must be open, password or accounts' }).optional(),
  /** Accounts: signs session cookies. Unset, a random key is made once and kept in the database for every instance. */
  AUTH_SECRET: optionalText().pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Accounts: sign-in with an OpenID Connect identity provider (all three, or none). */
  OIDC_ISSUER: optionalText().pipe(z.url({ protocol: /^https?$/ }).optional()),
  OIDC_CLIENT_ID: optionalText(),
  OIDC_CLIENT_SECRET: optionalText(),
  /** The sign-in button's provider name (`Sign in with …`). */
  OIDC_NAME: optionalText(),
  /** Accounts: `smtp://user:pass@host:587` sends password-reset links by mail; unset, an admin copies the link. */
  SMTP_URL: optionalText().pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  /** Where those mails come from. */
  SMTP_FROM: optionalText(),
  /** Accounts: the activity log keeps this many days (the collector prunes older entries). */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** The public origin for absolute links (share URLs, Open Graph images); unset, derived from the request. */
  APP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Where image bytes live: `file` (DATA_DIR/blobs) or `s3` (an S3-compatible bucket, settings below). */
  BLOB_STORE: z.enum(['file', 's3']).default('file'),
  S3_ENDPOINT: optionalText().pipe(z.url({ protocol: /^https?$/ }).optional()),
  S3_REGION: optionalText(),
  S3_BUCKET: optionalText(),
  S3_ACCESS_KEY_ID: optionalText(),
  S3_SECRET_ACCESS_KEY: optionalText(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Set when a reverse proxy in front of the studio sets `X-Forwarded-For` (`true`, or the number of proxies in the
   * chain). Unset: the login limiter keys clients by the socket address and ignores those headers (a client can
   * forge them).
   */
  TRUSTED_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v || v === 'false' || v === '0') return 0;
      if (v === 'true') return 1;
      if (/^[1-9]$/.test(v)) return Number(v);
      ctx.addIssue({ code: 'custom', message: 'use true, false or the number of proxies (1-9)' });
      return z.NEVER;
    }),
  /**
   * The address `npm start` listens on. Unset: loopback (127.0.0.1) for an open studio, every interface with
   * APP_PASSWORD set. `0.0.0.0` (or an interface's address) opens an open studio to the network.
   */
  HOST: optionalText(),
  /** Extra host names (comma-separated) an open studio answers to, besides loopback, this machine and APP_URL. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** `true` lets a non-loopback `http://` TOAPIS_BASE_URL through; otherwise the key would travel in clear. */
  TOAPIS_ALLOW_INSECURE_HTTP: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  /** Hosts (comma-separated) results may be downloaded from besides the base origin; https only. */
  TOAPIS_FILE_HOSTS: optionalText().pipe(
    z
      .string()
      .optional()
      .transform((v, ctx) => (v === undefined ? undefined : parseFileHosts(v, ctx))),
  ),
  /** A task still unfinished this long after it was submitted is no longer followed (Failed, with Retry). */
  TASK_DEADLINE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** PGlite: sync every commit to the disk (survives a power cut). `false` trades that for speed on throwaway data. */
  PGLITE_FSYNC: booleanSetting(true),
  /** The storage collector: images nothing references are freed once they are this old (hours). */
  GC_GRACE_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(24),
  /** How often the collector runs (minutes) on one instance of the deployment; 0 turns the schedule off. */
  GC_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** The public API: requests per access token per minute, counted in the database across instances. */
  API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Outgoing webhooks may go to private and loopback addresses (tests, an intranet receiver). */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: booleanSetting(false),
  /** The offline engine: finished tasks, their uploads and results are deleted after this many hours. */
  ENGINE_RETENTION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(48),
  /** How long a job runner instance holds a task before another instance may take it over (PostgreSQL leases). */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
});

/** `a.example, https://b.example` → hostnames; an `http://` entry or a path is refused, not silently widened. */
function parseFileHosts(raw: string, ctx: z.RefinementCtx): string[] {
  const hosts: string[] = [];
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(entry.includes('://') ? entry : `https://${entry}`);
    } catch {}
    if (
      !url ||
      url.protocol !== 'https:' ||
      url.port ||
      url.username ||
      (url.pathname !== '/' && url.pathname !== '')
    ) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an https host name (e.g. files.example.com)` });
      return [];
    }
    hosts.push(url.hostname.toLowerCase());
  }
  return hosts;
}

/** Whether a URL's host is this machine: the only place a plain-http key may go. */
export function isLoopbackUrl(raw: string): boolean {
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function booleanSetting(fallback: boolean) {
  return z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'));
}

function optionalText() {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined));
}

export type AuthMode = 'open' | 'password' | 'accounts';

/** AUTH_MODE, or what APP_PASSWORD implies; a setting that contradicts the mode is refused by name. */
function resolveAuthMode(e: z.infer<typeof envSchema>): AuthMode {
  const mode = e.AUTH_MODE ?? (e.APP_PASSWORD ? 'password' : 'open');
  if (mode === 'password' && !e.APP_PASSWORD)
    throw new Error('Invalid configuration: APP_PASSWORD: required when AUTH_MODE=password');
  if (mode !== 'password' && e.APP_PASSWORD)
    throw new Error(`Invalid configuration: APP_PASSWORD: not used with AUTH_MODE=${mode}; unset it`);
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet > 0 && mode !== 'accounts')
    throw new Error('Invalid configuration: OIDC_ISSUER: needs AUTH_MODE=accounts');
  if (oidcSet > 0 && oidcSet < 3) {
    const missing = !e.OIDC_ISSUER ? 'OIDC_ISSUER' : !e.OIDC_CLIENT_ID ? 'OIDC_CLIENT_ID' : 'OIDC_CLIENT_SECRET';
    throw new Error(`Invalid configuration: ${missing}: required with the other OIDC settings`);
  }
  if (oidcSet === 3 && !e.APP_URL)
    throw new Error('Invalid configuration: APP_URL: required with OIDC (the sign-in callback address is built on it)');
  if (e.SMTP_URL && mode === 'accounts' && !e.APP_URL)
    throw new Error('Invalid configuration: APP_URL: required with SMTP_URL (mailed reset links are built on it)');
  return mode;
}

export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

export interface ServerEnv {
  engine: EngineKind;
  toapis: {
    apiKey: string | undefined;
    baseUrl: string;
    model: string;
    webhookSecret: string | undefined;
    /** Hosts results may be downloaded from, besides the base origin (https only). */
    fileHosts: string[];
  };
  dataDir: string;
  databaseUrl: string | undefined;
  /** PGlite syncs every commit to the disk (PGLITE_FSYNC). */
  pgliteFsync: boolean;
  port: number;
  /** Studio access: the password, or undefined for an open studio. Never sent anywhere or logged. */
  appPassword: string | undefined;
  /** Who may use the studio (AUTH_MODE): nobody signs in, one shared password, or people with accounts. */
  authMode: AuthMode;
  /** Accounts mode only; undefined otherwise. Secrets here never reach a page or a log. */
  accounts:
    | {
        secret: string | undefined;
        oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
        smtp: { url: string; from: string } | undefined;
        activityRetentionMs: number;
      }
    | undefined;
  /** Public origin without a trailing slash (`https://paint.example.com`), or undefined. */
  appUrl: string | undefined;
  /** The blob store: files in DATA_DIR, or an S3-compatible bucket. */
  blobs: { kind: 'file' } | ({ kind: 's3' } & S3Settings);
  jobLeaseMs: number;
  /** How many reverse proxies in front of the studio set `X-Forwarded-For`; 0: trust no forwarding header. */
  trustedProxies: number;
  /** Host names beyond loopback, this machine and APP_URL that an open studio answers to (lower case). */
  allowedHosts: string[];
  /** What `npm start` passes to `next start -H`; undefined: Next's default (every interface). */
  listenHost: string | undefined;
  /** How long a task is followed before it fails with "stopped following it". */
  taskDeadlineMs: number;
  /** The storage collector (lib/server/gc). `intervalMs` 0: not scheduled (`npm run gc` still runs it). */
  gc: { graceMs: number; intervalMs: number; engineRetentionMs: number };
  /** The public API (lib/server/api): requests per token per minute. */
  apiRatePerMinute: number;
  /** Outgoing webhooks may target private, loopback and link-local addresses (off by default: SSRF). */
  webhookAllowPrivate: boolean;
}

const parsedEnv = processSingleton('server-env', readServerEnv);

/** The settings, read and checked once per process; a bad setting throws (and is read again on the next call). */
export function serverEnv(): ServerEnv {
  return parsedEnv.get();
}

function readServerEnv(): ServerEnv {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    // Name the setting, never echo its value (it may be the key).
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid configuration: ${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  if (
    e.TOAPIS_API_KEY &&
    e.TOAPIS_BASE_URL.startsWith('http:') &&
    !isLoopbackUrl(e.TOAPIS_BASE_URL) &&
    !e.TOAPIS_ALLOW_INSECURE_HTTP
  ) {
    throw new Error(
      'Invalid configuration: TOAPIS_BASE_URL: plain http:// to another machine would send the API key in clear; use https://, or set TOAPIS_ALLOW_INSECURE_HTTP=true',
    );
  }
  const authMode = resolveAuthMode(e);
  const env: ServerEnv = {
    engine: e.TOAPIS_API_KEY ? 'toapis' : 'offline',
    toapis: {
      apiKey: e.TOAPIS_API_KEY,
      baseUrl: e.TOAPIS_BASE_URL.replace(/\/+$/, ''),
      model: e.TOAPIS_MODEL,
      webhookSecret: e.TOAPIS_WEBHOOK_SECRET,
      fileHosts: e.TOAPIS_FILE_HOSTS ?? ['files.toapis.com'],
    },
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    pgliteFsync: e.PGLITE_FSYNC,
    port: e.PORT,
    appPassword: e.APP_PASSWORD,
    authMode,
    accounts:
      authMode === 'accounts'
        ? {
            secret: e.AUTH_SECRET,
            oidc:
              e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
                ? {
                    issuer: e.OIDC_ISSUER.replace(/\/+$/, ''),
                    clientId: e.OIDC_CLIENT_ID,
                    clientSecret: e.OIDC_CLIENT_SECRET,
                    name: e.OIDC_NAME ?? 'your identity provider',
                  }
                : undefined,
            smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? 'Overpaint <overpaint@localhost>' } : undefined,
            activityRetentionMs: e.ACTIVITY_RETENTION_DAYS * 86_400_000,
          }
        : undefined,
    appUrl: e.APP_URL ? new URL(e.APP_URL).origin : undefined,
    blobs: e.BLOB_STORE === 's3' ? { kind: 's3', ...s3Settings(e) } : { kind: 'file' },
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    trustedProxies: e.TRUSTED_PROXY,
    allowedHosts: e.ALLOWED_HOSTS,
    // An open studio is for this machine unless HOST says otherwise (DNS rebinding, lib/server/auth/host-check.ts).
    listenHost: e.HOST ?? (authMode !== 'open' ? undefined : '127.0.0.1'),
    taskDeadlineMs: e.TASK_DEADLINE_MINUTES * 60_000,
    gc: {
      graceMs: e.GC_GRACE_HOURS * 3_600_000,
      intervalMs: e.GC_INTERVAL_MINUTES * 60_000,
      engineRetentionMs: e.ENGINE_RETENTION_HOURS * 3_600_000,
    },
    apiRatePerMinute: e.API_RATE_PER_MINUTE,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
  // Upstream failure texts are scrubbed of these by value wherever they are cleaned (lib/toapis/errors.ts).
  registerSecret(e.TOAPIS_API_KEY);
  registerSecret(e.TOAPIS_WEBHOOK_SECRET);
  registerSecret(e.AUTH_SECRET);
  registerSecret(e.OIDC_CLIENT_SECRET);
  if (e.SMTP_URL) registerSecret(decodeURIComponent(new URL(e.SMTP_URL).password) || undefined);
  return env;
}

function s3Settings(e: z.infer<typeof envSchema>): S3Settings {
  if (!e.S3_BUCKET) throw new Error('Invalid configuration: S3_BUCKET: required when BLOB_STORE=s3');
  // Keys come in pairs: one without the other is a typo, not "use the default credential chain".
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    const missing = e.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    throw new Error(`Invalid configuration: ${missing}: required with the other S3 key`);
  }
  return {
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? 'us-east-1',
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

/** What a page may know about the server's configuration. */
export function publicEnv(): { engine: EngineKind; model: string } {
  const env = serverEnv();
  return { engine: env.engine, model: env.engine === 'toapis' ? env.toapis.model : 'offline-engine' };
}
