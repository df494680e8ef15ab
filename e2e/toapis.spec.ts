import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The studio with a key set, against a local server that speaks the ToAPIs contract.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-secret-key', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');

test('a task survives a server restart mid-task and completes, created upstream once', async ({ launchApp, page }) => {
  const app = await launchApp({
    env: { TOAPIS_API_KEY: 'sk-e2e-secret-key', TOAPIS_BASE_URL: fake.url, TOAPIS_MODEL: 'gpt-image-1.5-official' },
  });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await expect(page.getByText('Engine: ToAPIs')).toBeVisible();
  await expect(page.getByText('gpt-image-1.5-official')).toBeVisible();

  fake.control({ hold: true });
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  await studio.prompt.fill('Replace the cup with a glass of orange juice');
  await studio.generate.click();
  const task = studio.newestTask();
  await expect(task).toContainText('In progress', { timeout: 20_000 });
  await expect(task.getByRole('progressbar')).toBeVisible();

  await app.stop();
  fake.control({ release: true });
  await app.restart();
  await page.reload();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });
  await expect(studio.newestTask().getByRole('img', { name: /^Result/ })).toHaveCount(1);
  expect(creates()).toHaveLength(1);
  const body = creates()[0]!.body as Record<string, unknown>;
  expect(body).toMatchObject({ model: 'gpt-image-1.5-official', n: 1, size: 'auto' });
  expect(body.mask_url).toEqual(expect.any(String));

  // The key stays on the server: not in the page, not in what our API sends the browser.
  expect(await page.content()).not.toContain('sk-e2e-secret-key');
  const gallery = await page.request.get(`${app.url}/api/jobs`);
  expect(await gallery.text()).not.toContain('sk-e2e-secret-key');
  expect(app.logs()).not.toContain('sk-e2e-secret-key');
});

test('a task the upstream fails shows the reason in words', async ({ launchApp, page }) => {
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-secret-key', TOAPIS_BASE_URL: fake.url } });
  fake.control({
    faults: [
      {
        on: 'create',
        status: 401,
        body: {
          error: {
            code: 401,
            message: 'Authentication failed, please check your API key',
            type: 'authentication_error',
          },
        },
      },
    ],
  });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await studio.prompt.fill('A castle under the stars');
  await studio.generate.click();
  const task = studio.newestTask();
  await expect(task).toContainText('Failed', { timeout: 20_000 });
  await expect(task).toContainText(/API key/i);
});
