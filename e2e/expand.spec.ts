import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { fakeFaults } from '../lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { MaskEditorPage } from './pages/mask-editor-page';
import { StudioPage } from './pages/studio-page';

// Expand canvas and ratio sets, against a local server that speaks the ToAPIs contract.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-expand', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

const creates = () =>
  fake.state.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/images/generations')
    .map((r) => r.body as Record<string, unknown>);
const uploaded = (url: unknown) => fake.state.files.get(String(url).split('/files/').pop() ?? '')!.bytes;
const env = () => ({ TOAPIS_API_KEY: 'sk-e2e-expand', TOAPIS_BASE_URL: fake.url });

/** An app on the contract server, the studio open on it with `file` as the only reference (the base). */
async function studioWithBase(
  launchApp: (options: { env: Record<string, string> }) => Promise<{ url: string }>,
  page: Page,
  file: string,
) {
  const app = await launchApp({ env: env() });
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await studio.addFiles(samplePath(file));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  return { app, studio };
}

/** The first image and the mask a create carried, as raw pixels (image RGB, mask RGBA). */
async function sentImageAndMask(body: Record<string, unknown>) {
  const image = await sharp(uploaded((body.image_urls as string[])[0]))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = await sharp(uploaded(body.mask_url)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { image, mask };
}

test('expanding a 3:2 base to 16:9 sends a padded image and mask of one 16:9 size, original centred; Edit again reopens it', async ({
  launchApp,
  page,
}) => {
  const { studio } = await studioWithBase(launchApp, page, 'coffee.png');
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();

  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(studio.select('Target ratio')).toHaveValue('16:9');
  await expect(studio.select('Aspect ratio')).toHaveValue('16:9');
  await expect(page.getByRole('radio', { name: 'Place centre' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('Canvas 711 × 400 px, original at (56, 0)')).toBeVisible();
  await expect(page.getByText('Output: 1536 × 864 px')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await studio.prompt.fill('Extend the table to the sides');
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });

  expect(creates()).toHaveLength(1);
  const body = creates()[0]!;
  expect(body.size).toBe('16:9');
  const { image, mask } = await sentImageAndMask(body);
  expect([image.info.width, image.info.height]).toEqual([711, 400]);
  expect([mask.info.width, mask.info.height]).toEqual([711, 400]);
  // The original's pixels sit unchanged at x = 56 (centred), and the new area on both sides is masked.
  const original = await sharp(samplePath('coffee.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (const [x, y] of [
    [0, 0],
    [599, 399],
    [300, 50],
    [10, 390],
  ] as const) {
    const at = (y * 711 + x + 56) * 3;
    const src = (y * 600 + x) * 3;
    expect([...image.data.subarray(at, at + 3)]).toEqual([...original.data.subarray(src, src + 3)]);
  }
  const alpha = (x: number, y: number) => mask.data[(y * 711 + x) * 4 + 3];
  expect([alpha(0, 20), alpha(55, 20), alpha(56, 20), alpha(655, 20), alpha(656, 20), alpha(710, 20)]).toEqual([
    0, 0, 255, 255, 0, 0,
  ]);
  expect(alpha(56 + 300, 200)).toBe(0); // painted across the centre

  // Edit again: the original (not the padded image), its mask and the expanded canvas come back.
  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(page.getByRole('button', { name: 'Expand canvas' })).toHaveAttribute('aria-pressed', 'false');
  await studio.newestTask().getByRole('button', { name: 'Edit again' }).click();
  await expect(page.getByRole('button', { name: 'Expand canvas' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Canvas 711 × 400 px, original at (56, 0)')).toBeVisible();
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
});

test('a four-ratio set makes four tasks shown as one set, and downloads as a ZIP named by ratio and size', async ({
  launchApp,
  page,
}) => {
  const { app, studio } = await studioWithBase(launchApp, page, 'rocket.jpg');
  await studio.prompt.fill('Extend the sky');

  await page.getByRole('button', { name: 'Make variants for ratios…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make variants for ratios' });
  await dialog.getByRole('button', { name: 'Social set' }).click();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Submit 4 tasks' }).click();
  await expect(dialog).toBeHidden();

  const set = studio.gallery.getByRole('article', { name: 'Set: Extend the sky' });
  await expect(set.getByRole('tab')).toHaveCount(4);
  await expect(set).toContainText('4 of 4 done', { timeout: 40_000 });
  expect(
    creates()
      .map((c) => c.size)
      .sort(),
  ).toEqual(['16:9', '1:1', '4:5', '9:16']);
  await expect(studio.gallery.getByRole('article', { name: /^Set:/ })).toHaveCount(1);
  await set.getByRole('tab', { name: /9:16/ }).click();
  await expect(set.getByRole('tabpanel')).toContainText('9:16');

  const href = await set.getByRole('link', { name: 'Download set as ZIP' }).getAttribute('href');
  const response = await page.request.get(`${app.url}${href}`);
  expect(response.headers()['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(await response.body()));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(4);
  for (const ratio of ['1x1', '4x5', '9x16', '16x9'])
    expect(names.some((name) => name.startsWith(`${ratio}_`))).toBe(true);
  for (const name of names) {
    const meta = await sharp(files[name]!).metadata();
    expect(name).toBe(`${name.split('_')[0]}_${meta.width}x${meta.height}.png`);
  }
});

test('dragging the canvas edges and the original in the editor sends exactly that frame; Edit again reopens it', async ({
  launchApp,
  page,
}) => {
  const { studio } = await studioWithBase(launchApp, page, 'coffee.png');
  const editor = new MaskEditorPage(page);
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(page.getByText('Canvas 711 × 400 px, original at (56, 0)')).toBeVisible();

  // Unlocked, the right edge snaps to the nearest API ratio: 99 px further is 2:1, 800 × 400, the left edge staying.
  await page.getByRole('checkbox', { name: 'Lock ratio' }).uncheck();
  const right = await editor.frameHandle('e');
  await page.mouse.move(right.x, right.y);
  await expect.poll(() => editor.cursor()).toBe('ew-resize');
  await editor.dragPage(right, { x: right.x + 99 * (await editor.zoom()), y: right.y + 5 });
  await expect(studio.select('Aspect ratio')).toHaveValue('2:1');
  await expect(studio.select('Target ratio')).toHaveValue('2:1');
  await expect(page.getByText('Canvas 800 × 400 px, original at (56, 0)')).toBeVisible();
  expect(await editor.canvasFrame()).toEqual({
    ratio: '2:1',
    canvas: { width: 800, height: 400 },
    offset: { x: 56, y: 0 },
  });

  // Locked, the bottom edge keeps 2:1: the canvas grows in both dimensions, about the middle horizontally.
  await page.getByRole('checkbox', { name: 'Lock ratio' }).check();
  const bottom = await editor.frameHandle('s');
  await editor.dragPage(bottom, { x: bottom.x, y: bottom.y + 60 * (await editor.zoom()) });
  const grown = (await editor.canvasFrame())!;
  expect(grown.ratio).toBe('2:1');
  expect(grown.canvas.width).toBe(grown.canvas.height * 2);
  expect(grown.canvas.height).toBeGreaterThan(450);
  expect(grown.offset.y).toBe(0);
  expect(Math.abs(grown.offset.x - (56 + (grown.canvas.width - 800) / 2))).toBeLessThanOrEqual(1);
  await expect(studio.select('Aspect ratio')).toHaveValue('2:1');

  // Move original (a tool, so the brush still paints): drag the original down and to the right.
  await editor.button('Move original').click();
  await expect(editor.button('Move original')).toHaveAttribute('aria-pressed', 'true');
  const centre = await editor.imageToPage(300, 200);
  await expect.poll(async () => (await page.mouse.move(centre.x, centre.y), editor.cursor())).toBe('move');
  const zoom = await editor.zoom();
  const undoDepth = () =>
    editor.canvasArea.evaluate(
      (el) => (el as unknown as { maskEditor: { document: { undoDepth: number } } }).maskEditor.document.undoDepth,
    );
  const depthBefore = await undoDepth();
  await editor.dragPage(centre, { x: centre.x + 40 * zoom, y: centre.y + 30 * zoom });
  expect(await undoDepth()).toBe(depthBefore); // moving the original painted nothing
  const moved = (await editor.canvasFrame())!;
  expect(moved.canvas).toEqual(grown.canvas);
  expect(Math.abs(moved.offset.x - (grown.offset.x + 40))).toBeLessThanOrEqual(2);
  expect(Math.abs(moved.offset.y - 30)).toBeLessThanOrEqual(2);

  // The keyboard way: "Original position" takes the arrow keys (Shift: 10 px), and the status line says where.
  await page.getByRole('button', { name: 'Original position' }).focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const offset = { x: moved.offset.x - 10, y: moved.offset.y };
  const { width, height } = moved.canvas;
  await expect(page.getByText(`Canvas ${width} × ${height} px, original at (${offset.x}, ${offset.y})`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The brush paints again: a stroke near the original's top-left.
  await editor.button('Brush').click();
  await editor.dragPage(await editor.imageToPage(60, 60), await editor.imageToPage(160, 60));
  expect(await editor.maskAlphaAt(110 / 600, 60 / 400)).toBe(0);
  expect(await editor.canvasFrame()).toEqual({ ratio: '2:1', canvas: { width, height }, offset });

  // The frame is part of the draft: a reload brings the same canvas and offset back, with the mask.
  const painted = await editor.maskChecksum();
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(page.getByText(`Canvas ${width} × ${height} px, original at (${offset.x}, ${offset.y})`)).toBeVisible();
  await expect.poll(() => editor.canvasFrame()).toEqual({ ratio: '2:1', canvas: { width, height }, offset });
  await expect.poll(() => editor.maskChecksum()).toBe(painted);

  await studio.prompt.fill('Extend the café');
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 30_000 });
  const body = creates()[0]!;
  expect(body.size).toBe('2:1');
  const { image, mask } = await sentImageAndMask(body);
  expect([image.info.width, image.info.height, mask.info.width, mask.info.height]).toEqual([
    width,
    height,
    width,
    height,
  ]);
  const original = await sharp(samplePath('coffee.png')).removeAlpha().raw().toBuffer();
  for (const [x, y] of [
    [0, 0],
    [599, 399],
    [300, 50],
    [10, 390],
  ] as const) {
    const at = ((y + offset.y) * width + x + offset.x) * 3;
    expect([...image.data.subarray(at, at + 3)]).toEqual([
      ...original.subarray((y * 600 + x) * 3, (y * 600 + x) * 3 + 3),
    ]);
  }
  const alpha = (x: number, y: number) => mask.data[((y + offset.y) * width + x + offset.x) * 4 + 3];
  // The new area on every side is repainted, the original kept, except both strokes.
  expect([
    alpha(-1, 20),
    alpha(0, 20),
    alpha(599, 20),
    alpha(600, 20),
    alpha(20, -1),
    alpha(20, 399),
    alpha(20, 400),
  ]).toEqual([0, 255, 255, 0, 0, 255, 0]);
  expect([alpha(300, 200), alpha(110, 60), alpha(450, 350)]).toEqual([0, 0, 255]);

  // Edit again brings back the frame as it was dragged, and the mask painted on the original.
  await page.getByRole('button', { name: 'Expand canvas' }).click();
  await expect(page.getByRole('button', { name: 'Expand canvas' })).toHaveAttribute('aria-pressed', 'false');
  await studio.newestTask().getByRole('button', { name: 'Edit again' }).click();
  await expect(page.getByText(`Canvas ${width} × ${height} px, original at (${offset.x}, ${offset.y})`)).toBeVisible();
  await expect(studio.select('Aspect ratio')).toHaveValue('2:1');
  await expect.poll(() => editor.canvasFrame()).toEqual({ ratio: '2:1', canvas: { width, height }, offset });
  await expect.poll(() => editor.maskAlphaAt(110 / 600, 60 / 400)).toBe(0);
  expect(await editor.maskAlphaAt(300 / 600, 200 / 400)).toBe(0);
});

test('a failed ratio is retried alone inside its set; the ZIP leaves a deleted result out', async ({
  launchApp,
  page,
}) => {
  const { app, studio } = await studioWithBase(launchApp, page, 'rocket.jpg');
  await studio.prompt.fill('Extend the sky');
  // The set's first create (1:1) is refused upstream; the other three go through.
  fake.control({ faults: [fakeFaults.badRequest('prompt', 'create')] });

  await page.getByRole('button', { name: 'Make variants for ratios…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make variants for ratios' });
  await dialog.getByRole('button', { name: 'Social set' }).click();
  await dialog.getByRole('button', { name: 'Submit 4 tasks' }).click();
  const set = studio.gallery.getByRole('article', { name: 'Set: Extend the sky' });
  await expect(set).toContainText('3 of 4 done', { timeout: 40_000 });
  const square = set.getByRole('tab', { name: /^1:1/ });
  await expect(square).toContainText('Failed');
  await square.click();
  await set.getByRole('tabpanel').getByRole('button', { name: 'Retry' }).click();
  await expect(set).toContainText('4 of 4 done', { timeout: 30_000 });
  // One more create, for that ratio only; still one set of four.
  expect(creates().map((c) => c.size)).toEqual(['1:1', '4:5', '9:16', '16:9', '1:1']);
  await expect(studio.gallery.getByRole('article', { name: /^Set:/ })).toHaveCount(1);
  await expect(set.getByRole('tab')).toHaveCount(4);

  const zipNames = async () => {
    const href = await set.getByRole('link', { name: 'Download set as ZIP' }).getAttribute('href');
    const response = await page.request.get(`${app.url}${href}`);
    expect(response.status()).toBe(200);
    return Object.keys(unzipSync(new Uint8Array(await response.body()))).sort();
  };
  expect((await zipNames()).map((name) => name.split('_')[0])).toEqual(['16x9', '1x1', '4x5', '9x16']);

  await set.getByRole('tab', { name: /^9:16/ }).click();
  await studio.resultMenuAction(set.getByRole('tabpanel'), 'result 1', 'Delete');
  await expect(page.getByRole('button', { name: 'Undo delete' })).toBeVisible();
  await expect.poll(async () => (await zipNames()).map((name) => name.split('_')[0])).toEqual(['16x9', '1x1', '4x5']);

  const missing = await page.request.get(`${app.url}/api/sets/set-${'0'.repeat(32)}/zip`);
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toMatch(/does not exist/);
});
