import { expect, startApp, test } from './support/fixtures';

// Proves the e2e harness itself: the app starts, answers, can be restarted in place, and the browser runs.

test('the app answers /api/health with 200 and JSON', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type'] ?? '').toContain('application/json');
  expect(await res.json()).toEqual({ ok: true, database: 'ok', blobs: 'ok' });
});

test('an app restarts on the same port and DATA_DIR, and the browser reaches it', async ({ launchApp, page }) => {
  const app = await launchApp({ env: { TOAPIS_API_KEY: '' } });
  const { port, dataDir } = app;

  await app.stop();
  expect(app.isRunning()).toBe(false);
  await app.restart();
  expect(app.isRunning()).toBe(true);
  expect(app.port).toBe(port);
  expect(app.dataDir).toBe(dataDir);
  expect(app.env.DATA_DIR).toBe(dataDir);

  const res = await page.goto(`${app.url}/api/health`);
  expect(res?.status()).toBe(200);
});

test('a second server on the same DATA_DIR is refused clearly; a crashed server’s lock is taken over at once', async ({
  launchApp,
}) => {
  const first = await launchApp();
  await expect(startApp({ dataDir: first.dataDir })).rejects.toThrow(/already used by another Overpaint server/);
  expect((await (await fetch(`${first.url}/api/health`)).json()).ok).toBe(true);

  // Killed without a chance to release its lock: the next start sees the owner's pid is gone and takes over
  // (a live owner would have it refused, as above), so the restart succeeds instead of failing or waiting.
  await first.stop('SIGKILL');
  await first.restart();
  expect((await (await fetch(`${first.url}/api/health`)).json()).ok).toBe(true);
  expect(first.logs()).not.toMatch(/already used by another Overpaint server/);
});
