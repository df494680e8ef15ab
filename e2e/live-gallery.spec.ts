import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Live for every viewer: a task submitted in one tab appears in every open Gallery without a reload, and the
// tabs that watch it add no upstream calls (only the runner talks to the upstream).

let fake: FakeToapis;

test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-live', completeAfterPolls: 2 });
});
test.afterAll(async () => {
  await fake?.close();
});

const upstreamCalls = () => fake.state.requests.filter((r) => r.path.startsWith('/v1/'));
const statusCalls = () =>
  upstreamCalls().filter((r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/'));

test('a task submitted in one tab appears in another tab’s idle Gallery without a reload, with no extra upstream calls', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-live', TOAPIS_BASE_URL: fake.url } });
  const [contextA, contextB] = [await browser.newContext(), await browser.newContext()];
  const studioA = new StudioPage(await contextA.newPage());
  const studioB = new StudioPage(await contextB.newPage());
  await studioB.goto(app.url);
  await expect(studioB.gallery).toContainText('No results yet');
  await studioA.goto(app.url);

  // B has nothing running, so only the change stamp can tell it about A's task.
  await studioA.prompt.fill('A kite over the dunes');
  await studioA.generate.click();
  await expect(studioA.task('A kite over the dunes')).toBeVisible();
  const taskInB = studioB.task('A kite over the dunes');
  await expect(taskInB).toBeVisible({ timeout: 8_000 });
  // …and it follows the task to the end, still without a reload.
  await expect(taskInB.getByRole('img', { name: /^Result 1/ })).toBeVisible({ timeout: 30_000 });

  // The runner polled the task upstream; the two watching tabs added nothing: no status call after completion,
  // over several of the galleries' stamp intervals.
  const creates = upstreamCalls().filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
  expect(creates).toHaveLength(1);
  const polls = statusCalls().length;
  expect(polls).toBeLessThanOrEqual(3);
  const before = upstreamCalls().length;
  await studioB.page.waitForTimeout(7_000);
  expect(upstreamCalls().length).toBe(before);
  await expectNoSeriousA11yViolations(studioB.page);
  await contextA.close();
  await contextB.close();
});

test('a hidden tab stops asking for the stamp and catches up when shown again', async ({ launchApp, browser }) => {
  test.setTimeout(150_000);
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-live', TOAPIS_BASE_URL: fake.url } });
  const context = await browser.newContext();
  const page = await context.newPage();
  const stamps: number[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/gallery/stamp')) stamps.push(Date.now());
  });
  await new StudioPage(page).goto(app.url);
  await expect.poll(() => stamps.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

  // Hidden (another tab in front): TanStack Query's interval pauses.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(500);
  const hiddenAt = stamps.length;
  await page.waitForTimeout(7_000);
  expect(stamps.length).toBe(hiddenAt);

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => stamps.length, { timeout: 8_000 }).toBeGreaterThan(hiddenAt);
  await context.close();
});
