import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { startFakeToapis, type FakeToapis } from './support/fake-toapis';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Expand canvas and ratio sets, against a local server that speaks the ToAPIs contract.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-expand', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const creates = () =>
  fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations').map((r) => r.body as Record<string, unknown>);
const uploaded = (url: unknown) => fake.state.files.get(String(url).split('/files/').pop() ?? '')!.bytes;
const env = () => ({ TOAPIS_API_KEY: 'sk-e2e-expand', TOAPIS_BASE_URL: fake.url });

test('expanding a 3:2 base to 16:9 sends a padded image and mask of one 16:9 size, original centred; Edit again reopens it', async ({ launchApp, page }) => {
  const app = await launchApp({ env: env() });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask 600 × 400 matches base');
  await studio.paintAcrossCentre();

  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(studio.select('Target ratio')).toHaveValue('16:9');
  await expect(studio.select('Aspect ratio')).toHaveValue('16:9');
  await expect(page.getByRole('radio', { name: 'Place centre' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('Canvas 711 × 400 px, original at (56, 0)')).toBeVisible();
  await expect(page.getByText('Output: 1536 × 864 px')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: '/tmp/expand-panel.png', fullPage: true });

  await studio.prompt.fill('Extend the table to the sides');
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });

  expect(creates()).toHaveLength(1);
  const body = creates()[0]!;
  expect(body.size).toBe('16:9');
  const image = await sharp(uploaded((body.image_urls as string[])[0])).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const mask = await sharp(uploaded(body.mask_url)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([image.info.width, image.info.height]).toEqual([711, 400]);
  expect([mask.info.width, mask.info.height]).toEqual([711, 400]);
  // The original's pixels sit unchanged at x = 56 (centred), and the new area on both sides is masked.
  const original = await sharp(samplePath('coffee.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (const [x, y] of [[0, 0], [599, 399], [300, 50], [10, 390]] as const) {
    const at = (y * 711 + x + 56) * 3;
    const src = (y * 600 + x) * 3;
    expect([...image.data.subarray(at, at + 3)]).toEqual([...original.data.subarray(src, src + 3)]);
  }
  const alpha = (x: number, y: number) => mask.data[(y * 711 + x) * 4 + 3];
  expect([alpha(0, 20), alpha(55, 20), alpha(56, 20), alpha(655, 20), alpha(656, 20), alpha(710, 20)]).toEqual([0, 0, 255, 255, 0, 0]);
  expect(alpha(56 + 300, 200)).toBe(0); // painted across the centre

  // Edit again: the original (not the padded image), its mask and the expanded canvas come back.
  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(page.getByRole('button', { name: 'Expand canvas' })).toHaveAttribute('aria-pressed', 'false');
  await studio.newestTask().getByRole('button', { name: 'Edit again' }).click();
  await expect(page.getByRole('button', { name: 'Expand canvas' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Canvas 711 × 400 px, original at (56, 0)')).toBeVisible();
  await expect(studio.maskEditor).toContainText('Mask 600 × 400 matches base');
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
});

test('a four-ratio set makes four tasks shown as one set, and downloads as a ZIP named by ratio and size', async ({ launchApp, page }) => {
  const app = await launchApp({ env: env() });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await studio.addFiles(samplePath('rocket.jpg'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.prompt.fill('Extend the sky');

  await page.getByRole('button', { name: 'Make variants for ratios…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make variants for ratios' });
  await dialog.getByRole('button', { name: 'Social set' }).click();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: '/tmp/expand-dialog.png' });
  await dialog.getByRole('button', { name: 'Submit 4 tasks' }).click();
  await expect(dialog).toBeHidden();

  const set = studio.gallery.getByRole('article', { name: 'Set: Extend the sky' });
  await expect(set.getByRole('tab')).toHaveCount(4);
  await expect(set).toContainText('4 of 4 done', { timeout: 40_000 });
  expect(creates().map((c) => c.size).sort()).toEqual(['16:9', '1:1', '4:5', '9:16']);
  await expect(studio.gallery.getByRole('article', { name: /^Set:/ })).toHaveCount(1);
  await set.getByRole('tab', { name: /9:16/ }).click();
  await expect(set.getByRole('tabpanel')).toContainText('9:16');
  await page.screenshot({ path: '/tmp/expand-set.png', fullPage: true });

  const href = await set.getByRole('link', { name: 'Download set as ZIP' }).getAttribute('href');
  const response = await page.request.get(`${app.url}${href}`);
  expect(response.headers()['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(await response.body()));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(4);
  for (const ratio of ['1x1', '4x5', '9x16', '16x9']) expect(names.some((name) => name.startsWith(`${ratio}_`))).toBe(true);
  for (const name of names) {
    const meta = await sharp(files[name]!).metadata();
    expect(name).toBe(`${name.split('_')[0]}_${meta.width}x${meta.height}.png`);
  }
});
