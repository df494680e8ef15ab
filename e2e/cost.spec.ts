import { readFileSync } from 'node:fs';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';
import { saveCostSettings } from './support/costs';

// Costs against the built app and a server speaking the ToAPIs contract: an admin's prices, the estimate beside
// Generate following every option and a ratio set, the confirmation above the threshold, a budget that refuses by
// name before anything is uploaded or created upstream, and the spend on the task card and the Usage page.

const KEY = 'sk-e2e-cost-key';
let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: KEY, completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());

const upstream = (path: string) => fake.state.requests.filter((r) => r.method === 'POST' && r.path === path);

test('prices, the estimate beside Generate, a confirmation, a budget that refuses by name, and the Usage page', async ({
  launchApp,
  page,
}) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: { TOAPIS_API_KEY: KEY, TOAPIS_BASE_URL: fake.url } });

  // An admin (the open studio's one person) sets prices and a confirmation threshold; no budget yet.
  await page.goto(`${app.url}/settings`);
  await saveCostSettings(page, { prices: true, budget: '', confirmAbove: '1' });
  await expectNoSeriousA11yViolations(page);

  // The estimate is exactly what will be sent: n × the output's price, plus the base as an input image.
  const studio = new StudioPage(page);
  await studio.goto(`${app.url}/`);
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  const estimate = page.locator('[data-cost-estimate=generate]');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.06 for 1 image');
  await studio.select('Number of images').fill('2');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.11 for 2 images');
  await studio.select('Quality').selectOption('high');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.41 for 2 images');
  await studio.select('Resolution').selectOption('2k');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.81 for 2 images');
  await studio.select('Aspect ratio').selectOption('16:9');
  await studio.select('Resolution').selectOption('4k');
  await expect(estimate).toHaveText('Estimated cost: ≈ $1.61 for 2 images');

  // A ratio set costs every ratio: 4k where the ratio has it (16:9, 9:16), 2k where it falls back (1:1, 4:5).
  await studio.prompt.fill('A brighter morning light');
  await page.getByRole('button', { name: 'Make variants for ratios…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make variants for ratios' });
  await dialog.getByRole('button', { name: 'Social set' }).click();
  await expect(dialog.locator('[data-cost-estimate]')).toHaveText('Estimated cost: ≈ $4.84 for 8 images in 4 tasks');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Above the threshold Generate states the amount and asks; declined, nothing is sent.
  await studio.paintAcrossCentre();
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await studio.generate.click();
  await expect.poll(() => asked).toEqual([expect.stringContaining('≈ $1.61 (above $1.00)')]);
  expect(upstream('/v1/images/generations')).toHaveLength(0);

  // A budget of $0.50: a $0.81 Generate (below the threshold) is refused by name before anything is uploaded.
  await page.goto(`${app.url}/settings`);
  await saveCostSettings(page, { budget: '0.50', confirmAbove: '1' });
  await studio.goto(`${app.url}/`);
  // The draft (kept on the server) brings back the options of before.
  await expect(estimate).toHaveText('Estimated cost: ≈ $1.61 for 2 images');
  await studio.select('Number of images').fill('1');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.81 for 1 image');
  await studio.generate.click();
  await expect(studio.refusals).toContainText(
    /^The studio’s monthly budget of \$0\.50 has \$0\.50 left, and this would cost ≈ \$0\.81; it resets on /,
  );
  expect(upstream('/v1/uploads/images')).toHaveLength(0);
  expect(upstream('/v1/images/generations')).toHaveLength(0);
  await expect(studio.gallery.getByRole('article')).toHaveCount(0);

  // Inside the budget it goes through; the card shows its cost.
  await studio.select('Quality').selectOption('medium');
  await studio.select('Resolution').selectOption('1k');
  await expect(estimate).toHaveText('Estimated cost: ≈ $0.06 for 1 image');
  await studio.generate.click();
  const task = studio.task('A brighter morning light');
  await expect(task).toContainText('Completed', { timeout: 40_000 });
  await expect(task.locator('[data-task-cost]')).toHaveText(/Cost: ≈ \$0\.06 estimated$/);
  expect(upstream('/v1/images/generations')).toHaveLength(1);

  // Where the money went.
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(page.locator('[data-usage-total]')).toHaveText('≈ $0.06');
  await expect(page.getByText('Monthly budget: $0.50.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Per kind of work' })).toContainText('$0.06');
  await page.getByText('Spend per day as a table').click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByRole('table', { name: 'Spend per day' }).getByRole('row', { name: today })).toContainText(
    '$0.06',
  );
  await expectNoSeriousA11yViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('date,task,person,kind,boards,state,estimate,actual,counted,currency');
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(/,Single tasks,.*,0\.06,USD$/);

  // The key never reached the browser.
  expect(await page.content()).not.toContain(KEY);
});
