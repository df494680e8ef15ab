import type { Page } from '@playwright/test';
import { fakeFaults } from '../lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, test, type AppServer } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The production build bundles the upstream error class once per server layer (route handlers and the runner in
// one, pages and server actions in another) while the upstream client is one process-wide singleton. Whichever
// layer creates the client first, the other must still recognise its errors: a 429 waits and retries, a 401 says
// the key was refused, a 400 names the field. Each fault sequence starts with a 429 on create, so the first
// attempt fails in the submit action's layer and the retry runs in the runner's layer: both layers catch an error.

const KEY = 'sk-layers-e2e-0123456789-secret';
let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: KEY, completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const appEnv = () => ({ TOAPIS_API_KEY: KEY, TOAPIS_BASE_URL: fake.url });
const createsAnswered = () => fake.state.tasks.size;

async function submit(studio: StudioPage, prompt: string) {
  await studio.prompt.fill(prompt);
  await studio.generate.click();
  return studio.task(prompt);
}

async function faultsAreRecognised(page: Page, app: AppServer) {
  const studio = new StudioPage(page);
  await studio.goto(app.url);

  // A 429 with Retry-After on create, twice (once per layer): it waits, retries and completes, with one task made.
  const before = createsAnswered();
  fake.control({ faults: [{ ...fakeFaults.rateLimited('create', '1'), times: 2 }] });
  const waited = await submit(studio, 'A lighthouse at dusk');
  await expect(waited).toContainText('Completed', { timeout: 45_000 });
  expect(createsAnswered() - before).toBe(1);

  // A 401: Failed, with the sentence about the key; never Uncertain.
  fake.control({ faults: [fakeFaults.rateLimited('create', '1'), fakeFaults.unauthorized('create')] });
  const refused = await submit(studio, 'A harbour at night');
  await expect(refused).toContainText('Failed', { timeout: 30_000 });
  await expect(refused).toContainText('rejected the API key');
  await expect(refused).not.toContainText('Uncertain');

  // A 400 naming a field: Failed, naming it.
  fake.control({ faults: [fakeFaults.rateLimited('create', '1'), fakeFaults.badRequest('size', 'create')] });
  const invalid = await submit(studio, 'A meadow in fog');
  await expect(invalid).toContainText('Failed', { timeout: 30_000 });
  await expect(invalid).toContainText("The 'size' field is required.");
  await expect(invalid).not.toContainText('Uncertain');

  expect(app.logs()).not.toMatch(/failed unexpectedly/);
  expect(app.logs()).not.toContain(KEY);
}

test('upstream errors are recognised when a page render created the upstream client', async ({ launchApp, page }) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: appEnv() });
  // The settings page asks the upstream for its models: the client is created in the pages' layer.
  const settings = await page.request.get(`${app.url}/settings`);
  expect(settings.status()).toBe(200);
  expect(fake.state.requests.some((r) => r.path.startsWith('/v1/models'))).toBe(true);
  await faultsAreRecognised(page, app);
});

test('upstream errors are recognised when the job runner created the upstream client', async ({ launchApp, page }) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: appEnv() });
  // A task left unfinished across a restart: after it, the runner resumes it first, creating the client itself.
  fake.control({ hold: true });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  const held = await submit(studio, 'A task the runner resumes');
  await expect.poll(() => fake.state.tasks.size, { timeout: 30_000 }).toBe(1);
  await app.restart();
  const restartedAt = Date.now();
  await expect
    .poll(
      () => fake.state.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/') && r.at > restartedAt),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
  fake.control({ release: true });
  await studio.goto(app.url);
  await expect(held).toContainText('Completed', { timeout: 30_000 });
  await faultsAreRecognised(page, app);
});
