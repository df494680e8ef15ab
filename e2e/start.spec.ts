import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { expect, expectNoSeriousA11yViolations, samplePath, test, type AppServer } from './support/fixtures';
import { StartSectionPage } from './pages/start-section';
import { StudioPage } from './pages/studio-page';
import type { Page } from '@playwright/test';

// Start points against a local server speaking the ToAPIs contract: each sets the form up for its mode, and the
// task it makes carries the request body that mode implies.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-start', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');

async function open(launchApp: (o: { env: Record<string, string> }) => Promise<AppServer>, page: Page) {
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-start', TOAPIS_BASE_URL: fake.url } });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  return { app, studio, start: new StartSectionPage(page) };
}

async function generateAndComplete(studio: StudioPage): Promise<Record<string, unknown>> {
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });
  expect(creates()).toHaveLength(1);
  return creates()[0]!.body as Record<string, unknown>;
}

test('text: the Start section with presets beside it, the prompt focused, and a body without images', async ({
  launchApp,
  page,
}) => {
  const { studio, start } = await open(launchApp, page);
  await expect(start.section.getByRole('button')).toHaveCount(4);
  await expectNoSeriousA11yViolations(page, { include: '[data-start-section]' });

  // A saved team preset appears beside the four start points.
  await page.getByRole('button', { name: 'Save as preset' }).click();
  await page.getByLabel('Preset name').fill('Square posters');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await expect(
    start.section.getByRole('list', { name: 'Team presets' }).getByRole('button', { name: 'Square posters' }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, { include: '[data-start-section]' });

  await start.choose('Generate from text');
  await expect(start.section).toHaveCount(0);
  await expect(start.current('Generate from text')).toBeVisible();
  await expect(studio.prompt).toBeFocused();
  await expect(studio.references.getByRole('listitem')).toHaveCount(0);

  // An example only fills the prompt: nothing is sent until Generate.
  const example = start.examples.getByRole('button').first();
  await example.click();
  await expect(studio.prompt).toHaveValue(((await example.textContent()) ?? '').replace(/[“”]/g, ''));
  expect(creates()).toHaveLength(0);

  const body = await generateAndComplete(studio);
  expect(body).not.toHaveProperty('image_urls');
  expect(body).not.toHaveProperty('mask_url');
  await expect(studio.newestTask()).toContainText('Generate from text');
});

test('blend: mask editor folded away, ratio auto, several references and no mask in the body', async ({
  launchApp,
  page,
}) => {
  const { studio, start } = await open(launchApp, page);
  await studio.select('Resolution').selectOption('2k');
  await studio.select('Aspect ratio').selectOption('16:9');
  await start.choose('Blend references');
  await expect(studio.select('Aspect ratio')).toHaveValue('auto');
  await expect(page.getByText(/Add 2–16 images \(0 added\)/)).toBeVisible();
  await expect(start.showMaskEditor).toHaveAttribute('aria-expanded', 'false');
  await expect(studio.maskEditor).toBeHidden();

  await studio.addFiles([samplePath('coffee.png'), samplePath('chelsea.png')]);
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText(/Add 2–16 images \(2 added\)/)).toBeVisible();
  await studio.prompt.fill('Put the cat from image 2 beside the cup in image 1');
  const body = await generateAndComplete(studio);
  expect(body.image_urls).toHaveLength(2);
  expect(body).not.toHaveProperty('mask_url');
  expect(body).toMatchObject({ size: 'auto' });
  await expect(studio.newestTask()).toContainText('Blend references');

  // Folded, not gone: it opens again.
  await start.showMaskEditor.click();
  await expect(studio.maskEditor).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide mask editor' })).toHaveAttribute('aria-expanded', 'true');
});

test('inpaint: brush ready, a hint until the first stroke, Generate names the missing mask, Edit again restores it', async ({
  launchApp,
  page,
}) => {
  const { studio, start } = await open(launchApp, page);
  await start.choose('Inpaint with a mask');
  await expect(studio.maskEditor).toBeVisible();
  await expect(studio.maskEditor.getByRole('button', { name: 'Brush', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  const hint = page.getByRole('status').filter({ hasText: 'Paint over what should change' });
  await expect(hint).toBeVisible();

  await studio.prompt.fill('Replace the cup with a glass of orange juice');
  await studio.generate.click();
  await expect(page.getByRole('alert').filter({ hasText: 'No mask painted yet' })).toBeVisible();
  expect(creates()).toHaveLength(0);

  await studio.paintAcrossCentre();
  await expect(hint).toHaveCount(0);
  const body = await generateAndComplete(studio);
  expect(body.image_urls).toHaveLength(1);
  expect(body.mask_url).toEqual(expect.any(String));
  await expect(studio.newestTask()).toContainText('Inpaint with a mask');

  // New edit clears the studio back to the Start section; Edit again brings the start point back, and the draft
  // keeps it across a reload.
  await start.newEdit.click();
  await expect(start.section).toBeVisible();
  await expect(studio.references.getByRole('listitem')).toHaveCount(0);
  await studio.newestTask().getByRole('button', { name: 'Edit again' }).click();
  await expect(start.current('Inpaint with a mask')).toBeVisible();
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await page.waitForTimeout(1_000); // the draft saves a moment after a change
  await page.reload();
  await expect(start.current('Inpaint with a mask')).toBeVisible();
});

test('style transfer: 4k, high quality, a 3:2 base moved to 16:9 with a note, and a 4k body', async ({
  launchApp,
  page,
}) => {
  const { studio, start } = await open(launchApp, page);
  await start.choose('Style transfer (4k)');
  await expect(studio.select('Resolution')).toHaveValue('4k');
  await expect(studio.select('Quality')).toHaveValue('high');
  await expect(page.getByText('4k at high quality can take more than two minutes.')).toBeVisible();

  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await expect(studio.select('Aspect ratio')).toHaveValue('16:9');
  await expect(studio.select('Resolution')).toHaveValue('4k');
  await expect(page.getByText(/your 3:2 base is set to 16:9, the nearest/)).toBeVisible();

  await studio.prompt.fill('Re-render this photo as a watercolour painting');
  const body = await generateAndComplete(studio);
  expect(body).toMatchObject({ resolution: '4k', size: '16:9', quality: 'high' });
  expect(body.image_urls).toHaveLength(1);
  expect(body).not.toHaveProperty('mask_url');
  await expect(studio.newestTask()).toContainText('Style transfer (4k)');
});
