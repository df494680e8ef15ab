import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

// Live sessions are rows in the database: a real PGlite in a temporary DATA_DIR.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-sessions-'));
beforeAll(() => {
  process.env.DATA_DIR = dataDir;
});
afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

// serverEnv() reads process.env once per process; each test sets the password and drops the cached env.
function withPassword(password: string | undefined) {
  if (password === undefined) delete process.env.APP_PASSWORD;
  else process.env.APP_PASSWORD = password;
  processSingleton('server-env', () => undefined).take();
}

afterEach(() => withPassword(undefined));

const session = () => import('./session');
const store = () => import('./session-store');
const guard = () => import('../guard');

describe('studio sessions', { timeout: 120_000 }, () => {
  it('are open with no APP_PASSWORD, and need a session with one', async () => {
    const { studioAccessRequired } = await session();
    const { requestHasStudioAccess } = await store();
    withPassword(undefined);
    expect(studioAccessRequired()).toBe(false);
    expect(await requestHasStudioAccess(new Request('http://x/api/jobs'))).toBe(true);
    withPassword('secret');
    expect(studioAccessRequired()).toBe(true);
    expect(await requestHasStudioAccess(new Request('http://x/api/jobs'))).toBe(false);
  });

  it('accept their own token until it expires, and nothing forged, altered or signed with an old password', async () => {
    const { createSessionToken, verifySessionToken, SESSION_MAX_AGE_S } = await session();
    withPassword('secret');
    const now = Date.now();
    const token = createSessionToken(now);
    expect(verifySessionToken(token, now)).toBe(true);
    expect(verifySessionToken(token, now + SESSION_MAX_AGE_S * 1000 + 1)).toBe(false);
    const [expires, nonce, signature] = token.split('.') as [string, string, string];
    expect(verifySessionToken(`${Number(expires) + 1000}.${nonce}.${signature}`, now)).toBe(false);
    expect(verifySessionToken(`${expires}.${nonce}.${signature.slice(0, -2)}AA`, now)).toBe(false);
    expect(verifySessionToken('', now)).toBe(false);
    expect(verifySessionToken('a.b', now)).toBe(false);
    withPassword('changed');
    expect(verifySessionToken(token, now)).toBe(false);
  });

  it('compare passwords exactly', async () => {
    const { passwordMatches } = await session();
    withPassword('correct horse');
    expect(passwordMatches('correct horse')).toBe(true);
    expect(passwordMatches('correct hors')).toBe(false);
    expect(passwordMatches('')).toBe(false);
    withPassword(undefined);
    expect(passwordMatches('')).toBe(false);
  });

  it('are read from the Cookie header by route guards', async () => {
    const { createSessionToken, SESSION_COOKIE } = await session();
    const { startSession } = await store();
    const { guardRoute } = await guard();
    withPassword('secret');
    const route = guardRoute(async () => new Response('private'), { need: 'view' });
    const publicRoute = guardRoute(async () => new Response('public'), { access: 'public' });

    const refused = await route(new Request('http://x/api/jobs'), {});
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('auth:required');
    const forged = await route(
      new Request('http://x/api/jobs', { headers: { cookie: `${SESSION_COOKIE}=1.2.3` } }),
      {},
    );
    expect(forged.status).toBe(401);
    // Correctly signed but never started (or already signed out): not a session.
    const unrecorded = `${SESSION_COOKIE}=${createSessionToken()}`;
    expect((await route(new Request('http://x/api/jobs', { headers: { cookie: unrecorded } }), {})).status).toBe(401);
    const cookie = `theme=dark; ${SESSION_COOKIE}=${await startSession()}`;
    const allowed = await route(new Request('http://x/api/jobs', { headers: { cookie } }), {});
    expect(await allowed.text()).toBe('private');
    expect(await (await publicRoute(new Request('http://x/api/health'), {})).text()).toBe('public');
  });

  it('end on the server when signed out: a copy of the cookie stops working everywhere', async () => {
    const { SESSION_COOKIE } = await session();
    const { startSession, endSession, sessionIsLive } = await store();
    const { guardRoute } = await guard();
    withPassword('secret');
    const token = await startSession();
    const other = await startSession();
    const route = guardRoute(async () => new Response('private'), { need: 'view' });
    const request = () => new Request('http://x/api/jobs', { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect((await route(request(), {})).status).toBe(200);
    await endSession(token);
    expect(await sessionIsLive(token)).toBe(false);
    expect((await route(request(), {})).status).toBe(401);
    expect(await sessionIsLive(other)).toBe(true);
  });
});
