import 'server-only';
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { serverEnv } from '../env';
import { processSingleton } from '@/lib/process-singleton';
import { hasAccountSessionCookie } from './account-cookie';

/*
 * Studio sessions are signed: the cookie carries its expiry and a random nonce, signed with a key derived from
 * APP_PASSWORD. The proxy checks the signature without the database (a convenience redirect for people); the guard
 * also asks session-store.ts whether the session is still live, so signing out ends it on the server. Changing the
 * password signs everyone out. The key goes through scrypt so a leaked cookie does not make the password cheap to guess.
 */

export const SESSION_COOKIE = 'overpaint_session';
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

const cachedKey = processSingleton<{ password: string; key: Buffer } | null>('session-key', () => null);

function sessionKey(password: string): Buffer {
  const cached = cachedKey.get();
  if (cached?.password === password) return cached.key;
  const key = scryptSync(password, 'overpaint-session-v1', 32);
  cachedKey.set({ password, key });
  return key;
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * True unless AUTH_MODE is open: everything but share pages, static assets and health needs a session (the shared
 * password's, or a person's in accounts mode).
 */
export function studioAccessRequired(): boolean {
  return serverEnv().authMode !== 'open';
}

/** True when the studio is gated by the one shared APP_PASSWORD (AUTH_MODE=password). */
export function sharedPasswordMode(): boolean {
  return serverEnv().authMode === 'password';
}

/** A new session value, valid for SESSION_MAX_AGE_S. Only call when a password is configured. */
export function createSessionToken(now = Date.now()): string {
  const password = serverEnv().appPassword;
  if (password === undefined) throw new Error('No APP_PASSWORD: the studio is open and needs no session');
  const payload = `${Math.floor(now / 1000) + SESSION_MAX_AGE_S}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${sign(sessionKey(password), payload)}`;
}

/** True for an unexpired session signed with the current password's key. */
export function verifySessionToken(token: string | undefined, now = Date.now()): boolean {
  const password = serverEnv().appPassword;
  if (password === undefined || !token) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [expires, nonce, signature] = parts as [string, string, string];
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= now) return false;
  const expected = Buffer.from(sign(sessionKey(password), `${expires}.${nonce}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Compares in constant time (hashes first, so the length of the password does not leak either). */
export function passwordMatches(given: string): boolean {
  const password = serverEnv().appPassword;
  if (password === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(password));
}

/** Whether this request reached us over https: APP_URL says so, or (only behind a trusted proxy) X-Forwarded-Proto. */
export function servedOverHttps(headers: Headers): boolean {
  const env = serverEnv();
  if (env.appUrl?.startsWith('https:')) return true;
  return env.trustedProxies > 0 && headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** Secure cookies when the studio is served over https (always when APP_URL is https). */
export function cookieShouldBeSecure(headers: Headers): boolean {
  return servedOverHttps(headers);
}

/** Reads our session cookie out of a raw `Cookie` header. */
export function sessionFromCookieHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

/**
 * Whether a request carries a correctly signed, unexpired session cookie (or the studio is open). The signature
 * only: the proxy uses it to send people to /login; access itself is decided by session-store.ts.
 */
export function requestHasSignedSession(request: Request): boolean {
  if (!studioAccessRequired()) return true;
  if (!sharedPasswordMode()) return hasAccountSessionCookie(request.headers.get('cookie'));
  return verifySessionToken(sessionFromCookieHeader(request.headers.get('cookie')));
}
