import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { freePort, REPO_ROOT } from './support/app-server';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, test } from './support/fixtures';
import { createAccessToken } from './support/access-tokens';

// The gate with APP_PASSWORD set, tried the way an attacker would: every page and route of the build, with and
// without a session, with and without a Next-Action header; the redirect after login; the login limiter against
// forged forwarding headers; sign-out on the server; large bodies before login; the image optimiser; Host names.

const PASSWORD = 'correct horse battery staple';
const KEY = 'sk-gate-e2e-0123456789-secret';

/** Routes anyone may open. Everything else in the build's route list must refuse a caller without a session. */
const PUBLIC_ROUTES = new Set([
  '/login',
  '/api/health',
  '/api/webhooks/toapis',
  // The API's OpenAPI document; the other /api/v1 routes refuse without a token (401).
  '/api/v1/openapi.json',
  '/engine/v1/[...path]',
  '/s/[token]',
  '/s/[token]/before',
  '/s/[token]/image/[position]',
  '/s/[token]/og',
  // A shared board: public like a shared result, its token is the permission.
  '/s/b/[token]',
  '/s/b/[token]/image/[jobId]/[position]',
  // A review link: the client's page, its images and its actions; the token is the permission.
  '/r/[token]',
  '/r/[token]/image/[jobId]/[position]',
  '/r/[token]/before/[jobId]',
  '/icon.svg',
  '/_not-found',
]);

/** Every page and route of the production build, from Next's own list: a new route is walked without being added. */
function buildRoutes(): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(REPO_ROOT, '.next', 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  return [...new Set(Object.values(manifest))].sort();
}

/** A concrete URL for a route pattern: every dynamic segment filled with a plausible value. */
function concrete(route: string): string {
  return route
    .replace(/\[\.\.\.[^\]]+\]/g, 'v1/models')
    .replace(/\[token\]/g, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    .replace(/\[position\]/g, '0')
    .replace(/\[[^\]]+\]/g, '00000000-0000-4000-8000-000000000000');
}

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: KEY });
});
test.afterAll(async () => fake?.close());

async function signIn(context: BrowserContext, next = '/'): Promise<string> {
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  const cookie = (await context.cookies()).find((c) => c.name === 'overpaint_session');
  await page.close();
  return `overpaint_session=${cookie!.value}`;
}

function refusedWithoutSession(status: number, location: string | undefined): boolean {
  return (
    status === 401 ||
    status === 413 ||
    (status === 303 && /^\/login|\/login(\?|$)/.test(new URL(location ?? '', 'http://x').pathname))
  );
}

test('every page and route decides access itself; sign-out ends the session on the server', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(240_000);
  const app = await launchApp({ env: { APP_PASSWORD: PASSWORD, TOAPIS_API_KEY: KEY, TOAPIS_BASE_URL: fake.url } });
  const routes = buildRoutes();
  expect(routes).toEqual(expect.arrayContaining(['/', '/settings', '/shares', '/api/jobs']));
  const anonymous = await playwrightRequest.newContext({ baseURL: app.url, maxRedirects: 0 });
  const context = await browser.newContext({ baseURL: app.url });
  const cookie = await signIn(context);
  const signedIn = await playwrightRequest.newContext({
    baseURL: app.url,
    maxRedirects: 0,
    extraHTTPHeaders: { cookie },
  });

  const walk = async (client: APIRequestContext, route: string, method: 'GET' | 'POST', action: boolean) => {
    const url = concrete(route);
    const headers = action ? { 'Next-Action': 'x' } : undefined;
    const response =
      method === 'GET' ? await client.get(url, { headers }) : await client.post(url, { headers, data: 'a=1' });
    return { status: response.status(), location: response.headers().location, body: await response.text() };
  };

  fake.control({ reset: true });
  for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r))) {
    for (const method of ['GET', 'POST'] as const) {
      for (const action of [false, true]) {
        const answer = await walk(anonymous, route, method, action);
        const what = `${method} ${route}${action ? ' with Next-Action' : ''} without a session`;
        if (method === 'POST' && action) {
          // A real action POST goes on to the action's own check; an unknown action id is never a page render.
          expect(answer.status, what).not.toBe(200);
        } else {
          expect(refusedWithoutSession(answer.status, answer.location), `${what}: ${answer.status}`).toBe(true);
        }
        expect(answer.body, what).not.toContain('Settings come from the server');
        expect(answer.body, what).not.toContain('AI image editing studio');
      }
    }
  }
  // Nothing above reached the upstream with the operator's key.
  expect(fake.state.requests.filter((r) => r.path.startsWith('/v1/models'))).toHaveLength(0);

  // With a session the same pages and routes answer (their own 404s for made-up ids are fine, a login is not).
  // (The engine is public and answers to its own secret only; the API answers to access tokens only, never to a
  // session cookie: e2e/api.spec.ts drives it.)
  for (const route of routes.filter((r) => !r.startsWith('/engine/') && !r.startsWith('/api/v1/'))) {
    for (const action of [false, true]) {
      const answer = await walk(signedIn, route, 'GET', action);
      expect(answer.status, `GET ${route} with a session`).not.toBe(401);
      expect(answer.location ?? '', `GET ${route} with a session`).not.toMatch(/\/login/);
    }
  }
  expect((await signedIn.get('/settings')).status()).toBe(200);

  // The image optimiser is off: it would serve shared and studio images past these checks from its own cache.
  for (const target of ['/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/image/0', '/api/assets/x']) {
    const status = (await signedIn.get(`/_next/image?url=${encodeURIComponent(target)}&w=64&q=75`)).status();
    expect(status).toBe(404);
  }

  // Signing out ends the session on the server: a copy of the cookie (a stolen one) stops working too.
  expect((await signedIn.get('/api/jobs')).status()).toBe(200);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await signedIn.get('/api/jobs')).status()).toBe(401);
  // The proxy only checks the signature; the page itself finds the session ended and sends the visitor to log in.
  const settings = await signedIn.get('/settings');
  expect([303, 307]).toContain(settings.status());
  expect(settings.headers().location).toMatch(/\/login/);

  await Promise.all([anonymous.dispose(), signedIn.dispose(), context.close()]);
});

test('login: next= stays on this origin, forged addresses do not dodge the limit, big bodies wait for a session', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: { APP_PASSWORD: PASSWORD, APP_URL: 'https://studio.example' } });
  const context = await browser.newContext({ baseURL: app.url });

  // HSTS once APP_URL is https.
  const login = await context.request.get('/login');
  expect(login.headers()['strict-transport-security']).toMatch(/max-age=\d+/);

  // A tab in `next` would make `/\t/evil.example` read as `//evil.example`: it goes home instead, on both sides.
  for (const next of ['/\t/evil.example', '/\\evil.example', '//evil.example', '/\n/evil.example']) {
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await expect(page.locator('input[name="next"]')).toHaveValue('/');
    await page.close();
  }
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent('/\t/evil.example')}`);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const setCookie = (await (await answer).allHeaders())['set-cookie'] ?? '';
  // The session cookie is Secure whenever APP_URL is https (even though this test speaks plain http).
  expect(setCookie).toMatch(/overpaint_session=[^;]+;.*Secure/i);
  await page.waitForTimeout(500);
  expect(new URL(page.url()).host).toBe(new URL(app.url).host);

  // The server's own redirect for a signed-in visitor of /login resolves the same way.
  const cookie = (await context.cookies()).find((c) => c.name === 'overpaint_session');
  const signedIn = await playwrightRequest.newContext({
    baseURL: app.url,
    maxRedirects: 0,
    extraHTTPHeaders: { cookie: `overpaint_session=${cookie?.value ?? ''}` },
  });
  const bounce = await signedIn.get(`/login?next=${encodeURIComponent('/\t/evil.example')}`);
  expect(new URL(bounce.headers().location ?? '/', app.url).origin).toBe(new URL(app.url).origin);

  // Before login a request may carry a small body (the form), not megabytes: refused on its declared size, before
  // the body is even sent (this client sends 4 KB of the 2 MB it announces and waits for the answer).
  const twoMb = 2 * 1024 * 1024;
  expect(await postAnnounced(app.url, { 'Next-Action': 'x' }, twoMb, 4096)).toBe(413);
  expect(await postAnnounced(app.url, { 'Next-Action': 'x', 'Transfer-Encoding': 'chunked' }, undefined, 4096)).toBe(
    413,
  );
  // With a session the same request goes on (to Next, which finds no action 'x').
  const withSession = await postAnnounced(
    app.url,
    { 'Next-Action': 'x', cookie: `overpaint_session=${cookie?.value ?? ''}` },
    twoMb,
    twoMb,
  );
  expect(withSession).not.toBe(413);

  // The public API carries an access token, not a session: its upload waits unread until the token is checked. A
  // made-up token is answered 401 after 4 KB of its 2 MB; a real one (created in Settings) sends all of it and gets
  // the route's own answer (400: not a multipart upload).
  const references = `${app.url}/api/v1/references`;
  expect(await postAnnounced(references, { Authorization: 'Bearer op_made_up_token' }, twoMb, 4096)).toBe(401);
  await page.goto('/settings');
  const token = await createAccessToken(page, 'Gate check');
  expect(await postAnnounced(references, { Authorization: `Bearer ${token}` }, twoMb, twoMb)).toBe(400);

  // Forged X-Forwarded-For headers do not give each guess a fresh allowance (no trusted proxy is configured).
  const guesser = await browser.newContext({ baseURL: app.url });
  const guess = await guesser.newPage();
  await guess.goto('/login');
  for (let attempt = 1; attempt <= 6; attempt++) {
    await guess.setExtraHTTPHeaders({
      'x-forwarded-for': `203.0.113.${attempt}`,
      'x-real-ip': `198.51.100.${attempt}`,
    });
    await expect(guess.getByLabel('Password')).toHaveValue('');
    await guess.getByLabel('Password').fill(`wrong ${attempt}`);
    await guess.getByRole('button', { name: 'Sign in' }).click();
    const expected = attempt <= 5 ? 'That password is not right.' : /Too many wrong passwords/;
    await expect(guess.getByRole('alert').filter({ hasText: /./ })).toHaveText(expected);
  }

  await Promise.all([signedIn.dispose(), guesser.close(), context.close()]);
});

/**
 * A POST to `url` that announces `declared` bytes (or none: chunked) and sends `sent` of them, then waits for the
 * answer without sending the rest. Resolves to the status.
 */
function postAnnounced(
  url: string,
  headers: Record<string, string>,
  declared: number | undefined,
  sent: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: {
          'Content-Type': 'text/plain',
          ...(declared === undefined ? {} : { 'Content-Length': String(declared) }),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    request.write(Buffer.alloc(sent, 97));
    if (declared === undefined || sent >= declared) request.end();
  });
}

/** A GET with a Host header of our choosing (fetch cannot set Host). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      { host: target.hostname, port: target.port, path: '/api/health', headers: { host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('an open studio answers only to its own host names (DNS rebinding)', async ({ app }) => {
  const port = new URL(app.url).port;
  expect(await getWithHost(app.url, `127.0.0.1:${port}`)).toBe(200);
  expect(await getWithHost(app.url, `localhost:${port}`)).toBe(200);
  expect(await getWithHost(app.url, `rebind.evil.example:${port}`)).toBe(421);
  expect(await getWithHost(app.url, 'evil.example')).toBe(421);
});

/** This machine's first non-loopback IPv4 address, if it has one. */
function lanAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

test('`npm start` keeps an open studio on loopback unless HOST opens it', async () => {
  test.setTimeout(120_000);
  const lan = lanAddress();
  test.skip(!lan, 'this machine has no non-loopback address to try');
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-host-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    TOAPIS_API_KEY: '',
    DATABASE_URL: '',
    APP_PASSWORD: '',
    HOST: '',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  delete env.NODE_OPTIONS;
  // No -H: the start script decides.
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: 'ignore',
    detached: true,
  });
  try {
    await expect.poll(() => connects('127.0.0.1', port), { timeout: 60_000 }).toBe(true);
    expect(await connects(lan!, port)).toBe(false);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
