import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Cancel on an unfinished task, against a local server that speaks the ToAPIs contract and keeps the task running.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-cancel-key', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const statusPolls = () =>
  fake.state.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/')).length;

test('Cancel stops following an unfinished task, says the upstream may still bill it, and offers Retry', async ({
  launchApp,
  page,
}) => {
  test.setTimeout(180_000); // a shared 2-core machine can take long to hydrate the studio
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-cancel-key', TOAPIS_BASE_URL: fake.url } });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  fake.control({ hold: true });
  await studio.prompt.fill('A lighthouse that never finishes');
  await studio.generate.click();
  const task = studio.newestTask();
  await expect(task).toContainText('In progress', { timeout: 20_000 });
  await expect.poll(statusPolls, { timeout: 20_000 }).toBeGreaterThan(0);

  const cancel = task.getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toBeVisible();
  await expect(cancel).toHaveAccessibleDescription(/the image service may still finish it and bill it/);
  await expectNoSeriousA11yViolations(page);
  await cancel.focus();
  await page.keyboard.press('Enter');

  await expect(task).toContainText('Failed', { timeout: 10_000 });
  await expect(task).toContainText('may still finish the task and bill it');
  await expect(cancel).toHaveCount(0);
  await expect(task.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
  // No longer followed: the runner stops polling it.
  const polls = statusPolls();
  await page.waitForTimeout(4000);
  expect(statusPolls()).toBe(polls);
  await page.reload();
  await expect(studio.newestTask()).toContainText('Failed');
});
