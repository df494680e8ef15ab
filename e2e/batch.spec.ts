import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { fakeFaults } from '../lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';

// A recipe with Select background over a folder of sample photos, against a local server speaking the ToAPIs
// contract: bad files refused by name, pause and resume, the app killed mid-batch and finishing after a restart,
// a failed item retried alone, and the ZIP named after the originals.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-batch', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());

const PHOTOS = ['coffee.png', 'chelsea.png', 'rocket.jpg'];

test('a recipe runs over a folder: pause, resume, a killed app, Retry failed, Download ZIP', async ({
  launchApp,
  page,
}) => {
  test.setTimeout(420_000);
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-batch', TOAPIS_BASE_URL: fake.url } });

  // Save as recipe from the studio.
  await page.goto(app.url);
  await page.getByRole('textbox', { name: 'Prompt' }).fill('A sunny beach behind {name}');
  await page.getByRole('button', { name: 'Save as recipe' }).click();
  await page.getByRole('textbox', { name: 'Recipe name' }).fill('Beach backdrop');
  await page.getByRole('combobox', { name: 'Mask for each image' }).selectOption('background');
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByText('Recipe “Beach backdrop” saved.')).toBeVisible();

  // The Batch page: the photos and one file that is not an image.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', level: 1 })).toBeVisible();
  await page
    .getByLabel('Add batch images')
    .setInputFiles([
      ...PHOTOS.map((name) => ({ name, mimeType: 'image/*', buffer: readFileSync(samplePath(name)) })),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') },
    ]);
  await expect(page.getByRole('region', { name: 'Files not added' })).toContainText('notes.txt');
  const images = page.getByRole('list', { name: 'Batch images' }).getByRole('listitem');
  await expect(images).toHaveCount(3);
  await expect(images.filter({ hasText: 'Ready' })).toHaveCount(3, { timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Recipe' }).selectOption({ label: 'Beach backdrop · Select background' });
  await expect(page.getByRole('region', { name: 'Cost estimate' })).toContainText('3 images ready · 3 tasks');
  await expectNoSeriousA11yViolations(page);

  // Upstream holds every task in progress; the first create is refused for good (a failed item to retry later).
  fake.control({ reset: true, hold: true, completeAfterPolls: 1, faults: [fakeFaults.badRequest('prompt')] });
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.waitForURL(/\/batch\/[0-9a-f-]{36}$/);
  const counts = page.locator('[data-batch-counts]');
  await expect(counts).toContainText('1 failed', { timeout: 180_000 });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(counts).toContainText('2 running', { timeout: 180_000 });
  await expectNoSeriousA11yViolations(page);

  // Killed mid-batch (no shutdown: its leases stay until they expire), then started again.
  await app.stop('SIGKILL');
  fake.control({ hold: false, release: true });
  await app.restart();
  await page.reload();
  await expect(counts).toContainText('2 done · 0 running · 1 failed · 0 to go', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Retry failed' }).click();
  await expect(counts).toContainText('3 done · 0 running · 0 failed · 0 to go', { timeout: 120_000 });
  await expect(page.getByRole('list', { name: 'Batch tasks' }).getByRole('img', { name: /^Result:/ })).toHaveCount(3);
  const creates = fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
  // Three images, one of them twice (its first create refused): never again for the ones that were under way.
  expect(creates).toHaveLength(4);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download ZIP' }).click(),
  ]);
  const names = Object.keys(unzipSync(new Uint8Array(readFileSync(await download.path())))).sort();
  expect(names).toEqual(['chelsea.png', 'coffee.png', 'rocket.png']);

  // One card in the gallery for the whole batch.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' }).click();
  const card = page.getByRole('article', { name: 'Batch Beach backdrop' });
  await expect(card.getByRole('progressbar', { name: 'Batch progress: Beach backdrop' })).toBeVisible();
  await expect(card).toContainText('3 done');
});
