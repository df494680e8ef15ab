import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { signWebhook } from '../lib/toapis/webhook';
import { REPO_ROOT } from './support/app-server';
import { fakeFaults } from '../lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The studio against a local ToAPIs that misbehaves on demand: what the user sees for each fault.

const KEY = 'sk-faults-e2e-0123456789-secret';
const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef';
let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: KEY, completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const appEnv = () => ({ TOAPIS_API_KEY: KEY, TOAPIS_BASE_URL: fake.url, TOAPIS_WEBHOOK_SECRET: WEBHOOK_SECRET });
const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');

test('faults are ridden out or shown in words, and Retry resubmits the same inputs; the key is nowhere', async ({
  launchApp,
  page,
}) => {
  const app = await launchApp({ env: appEnv() });
  const bodies: string[] = [];
  page.on('response', (response) => {
    void response.text().then(
      (text) => bodies.push(text),
      () => {},
    );
  });
  const studio = new StudioPage(page);
  await studio.goto(app.url);

  // 1. A 429 on create (with Retry-After), two HTML 502s while polling and a result that 404s once: it completes.
  fake.control({
    faults: [
      fakeFaults.rateLimited('create', '1'),
      { ...fakeFaults.htmlBadGateway('status'), times: 2 },
      fakeFaults.resultNotFound(),
    ],
  });
  await studio.prompt.fill('A lighthouse at dusk');
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 40_000 });
  await expect(studio.newestTask().getByRole('img', { name: /^Result/ })).toHaveCount(1);
  expect(fake.state.tasks.size).toBe(1);

  // 2. A create answered by an HTML 502 may or may not exist upstream: Uncertain, in words, with Retry.
  fake.control({ faults: [fakeFaults.htmlBadGateway('create')] });
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  await studio.prompt.fill('Replace the cup with a glass of orange juice');
  await studio.generate.click();
  const uncertain = studio.newestTask();
  await expect(uncertain).toContainText('Uncertain', { timeout: 20_000 });
  await expect(uncertain).toContainText('may or may not have been created');
  await expect(uncertain).not.toContainText(/Bad Gateway|<html/);
  await expectNoSeriousA11yViolations(page, { include: 'section[aria-labelledby="gallery-heading"]' });

  await uncertain.getByRole('button', { name: 'Retry' }).click();
  await expect(studio.gallery.getByRole('article')).toHaveCount(3);
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });
  const [failedCreate, retried] = creates()
    .slice(-2)
    .map((r) => r.body as Record<string, unknown>);
  expect(retried).toMatchObject({ prompt: failedCreate!.prompt, size: failedCreate!.size, n: failedCreate!.n });
  expect(retried!.image_urls).toHaveLength(1);
  expect(retried!.mask_url).toEqual(expect.any(String));

  // 3. A task that fails upstream: Failed, with the reason, and Retry.
  fake.control({ faults: [fakeFaults.failedWithError('Your request was rejected by the safety system')] });
  await studio.prompt.fill('Something the upstream refuses');
  await studio.generate.click();
  const failed = studio.newestTask();
  await expect(failed).toContainText('Failed', { timeout: 20_000 });
  await expect(failed).toContainText('Your request was rejected by the safety system');
  await expect(failed.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(studio.gallery.getByRole('button', { name: 'Retry' })).toHaveCount(2);

  // The webhook route is public but signed: a forged delivery is refused with 401, a signed test event taken once.
  const raw = JSON.stringify({ id: 'evt_e2e', type: 'endpoint.test', data: {} });
  const at = String(Math.floor(Date.now() / 1000));
  const signed = { 'X-ToAPIs-Webhook-Id': 'evt_e2e', 'X-ToAPIs-Webhook-Timestamp': at };
  const hook = (signature: string) =>
    page.request.post(`${app.url}/api/webhooks/toapis`, {
      data: raw,
      headers: { ...signed, 'X-ToAPIs-Webhook-Signature': signature, 'Content-Type': 'application/json' },
    });
  expect((await hook('v1=' + '0'.repeat(64))).status()).toBe(401);
  expect((await hook(signWebhook(WEBHOOK_SECRET, 'evt_e2e', at, raw))).status()).toBe(200);
  expect((await hook(signWebhook(WEBHOOK_SECRET, 'evt_e2e', at, raw))).status()).toBe(401);

  // The key: in no response the browser got, no server log line, no file of the client bundle.
  for (const url of ['/', '/settings', '/api/jobs', '/api/health']) {
    bodies.push(await (await page.request.get(`${app.url}${url}`)).text());
  }
  expect(bodies.length).toBeGreaterThan(10);
  expect(bodies.filter((body) => body.includes(KEY))).toEqual([]);
  expect(app.logs()).not.toContain(KEY);
  expect(app.logs()).not.toContain(WEBHOOK_SECRET);
  const bundle = filesUnder(path.join(REPO_ROOT, '.next', 'static'));
  expect(bundle.length).toBeGreaterThan(5);
  for (const file of bundle) {
    const text = readFileSync(file, 'utf8');
    expect(text.includes(KEY) || text.includes(WEBHOOK_SECRET), file).toBe(false);
  }
});

test('settings show the engine, the model, what the key can use, and say when the key is missing, wrong or out of credit', async ({
  app,
  launchApp,
  page,
}) => {
  await page.goto(`${app.url}/settings`);
  await expect(page.getByRole('status')).toContainText('No API key');
  // Without a key there is no key's model list, only how to set one; the page says what can be changed and where.
  await expect(page.getByRole('list', { name: 'Available image models' })).toHaveCount(0);
  await expect(page.getByText('Set TOAPIS_API_KEY to run edits on ToAPIs')).toBeVisible();
  const changeable = page.getByRole('region', { name: 'What you can change' });
  await expect(changeable.getByRole('definition').filter({ hasText: 'Offline engine (no key set)' })).toBeVisible();
  await expect(changeable).toContainText('APP_PASSWORD');
  await expect(page.getByRole('region', { name: 'Accounts and budgets' })).toBeVisible();
  // The studio's own header: navigation (this page marked current) and the engine notice.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('banner')).toContainText('Engine: Offline engine');
  await expectNoSeriousA11yViolations(page);

  const withKey = await launchApp({ env: appEnv() });
  await page.goto(withKey.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings$/);
  await expect(page.getByRole('status')).toContainText('Connected');
  await expect(page.getByRole('list', { name: 'Available image models' })).toContainText('gpt-image-1.5-official');
  await expect(page.getByText(fake.url.replace('http://', ''))).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  fake.control({ faults: [fakeFaults.unauthorized('models')] });
  await page.reload();
  await expect(page.getByRole('status')).toContainText('Key rejected');
  fake.control({ faults: [fakeFaults.insufficientQuota('models')] });
  await page.reload();
  await expect(page.getByRole('status')).toContainText('Out of credit');
  expect(await page.content()).not.toContain(KEY);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(js|css|json|txt|html)$/.test(name) ? [full] : [];
  });
}
