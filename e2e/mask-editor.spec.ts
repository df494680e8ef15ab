import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { MaskEditorPage } from './pages/mask-editor-page';
import { StudioPage } from './pages/studio-page';

/** An RGBA PNG of the given size with alpha 0 (repaint) in its top half. */
async function maskPng(file: string, width: number, height: number): Promise<string> {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data[i * 4 + 3] = i < (width * height) / 2 ? 0 : 255;
  const png = await sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, png);
  return file;
}

test('tools and shortcuts run the same commands; undo, export and the ? sheet work from the keyboard', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  // Without a base the stage's canvases stay unpainted (hidden, not unmounted); a base shows them.
  await expect(mask.root.getByText('Add a reference image to paint a mask')).toBeVisible();
  await expect(mask.canvas).toBeAttached();
  await expect(mask.canvas).toBeHidden();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(mask.root).toContainText('Mask fits the base image, 600 × 400');
  await expect(mask.canvas).toBeVisible();

  // M: rectangle tool, drag adds a rectangle to the model and to the screen.
  await mask.canvasArea.focus();
  await page.keyboard.press('m');
  await expect(mask.button('Rectangle')).toHaveAttribute('aria-pressed', 'true');
  await mask.drag([0.35, 0.35], [0.65, 0.65]);
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(0);
  expect(await mask.maskAlphaAt(0.1, 0.1)).toBe(255);

  // X swaps to subtract; a smaller rectangle punches a hole; Mod+Z brings it back, Mod+Shift+Z removes it again.
  await page.keyboard.press('x');
  await expect(mask.root.getByRole('radio', { name: 'Subtract' })).toHaveAttribute('aria-checked', 'true');
  await mask.drag([0.45, 0.45], [0.55, 0.55]);
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(255);
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(0);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(255);

  // Keyboard only: Enter places a rectangle in the middle, arrows move it, Enter applies it.
  await page.keyboard.press('x'); // back to add
  await mask.canvasArea.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(0);

  // Brush shortcuts: B, ] size, Shift+] hardness after Shift+[ softer; E eraser; Shift+V invert.
  await page.keyboard.press('b');
  await expect(mask.button('Brush')).toHaveAttribute('aria-pressed', 'true');
  const size = mask.root.getByLabel('Brush size');
  const before = Number(await size.inputValue());
  await page.keyboard.press(']');
  await expect.poll(async () => Number(await size.inputValue())).toBeGreaterThan(before);
  await page.keyboard.press('Shift+[');
  await expect(mask.root.getByLabel('Brush hardness')).toHaveValue('90');
  await page.keyboard.press('e');
  await expect(mask.button('Eraser')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Shift+V');
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(255);
  await expect.poll(() => mask.maskAlphaAt(0.05, 0.05)).toBe(0);

  // Fit / 100 %.
  await page.keyboard.press('ControlOrMeta+1');
  await expect(mask.root.getByText('Zoom 100%')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+0');
  await expect(mask.button('Fit to view')).toBeDisabled();

  // The exported PNG (encoded in a worker) is the base size with the model's alpha.
  const exported = await mask.canvasArea.evaluate(async (el) => {
    const blob = await (el as unknown as { maskEditor: { exportMaskPng(): Promise<Blob> } }).maskEditor.exportMaskPng();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const at = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[3];
    return { type: blob.type, width: bitmap.width, height: bitmap.height, centre: at(300, 200), corner: at(10, 10) };
  });
  expect(exported).toEqual({ type: 'image/png', width: 600, height: 400, centre: 255, corner: 0 });

  // ? opens the sheet listing every shortcut; Escape closes it.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Mask editor shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Polygon lasso');
  await expect(sheet).toContainText('Shift+V');
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expectNoSeriousA11yViolations(page);
});

test('EXIF-rotated base: the mask has the displayed size and a rotated or wrong-sized import is refused clearly', async ({
  page,
}, testInfo) => {
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('portrait-exif-orientation-6.jpg'));
  await expect(mask.root).toContainText('Mask fits the base image, 320 × 427');

  const rotated = await maskPng(path.join(testInfo.outputDir, 'rotated.png'), 427, 320);
  await mask.root.getByLabel('Import mask PNG').setInputFiles(rotated);
  const alert = mask.root.getByRole('alert');
  await expect(alert).toContainText('The mask is 427 × 320 px but the base image is 320 × 427 px');
  await expect(alert).toContainText('EXIF');
  await expect(mask.button('Undo')).toBeDisabled();

  const good = await maskPng(path.join(testInfo.outputDir, 'good.png'), 320, 427);
  await mask.root.getByLabel('Import mask PNG').setInputFiles(good);
  await expect(alert).toBeHidden();
  await expect(mask.root).toContainText('Imported good.png');
  expect(await mask.maskAlphaAt(0.5, 0.1)).toBe(0);
  expect(await mask.maskAlphaAt(0.5, 0.9)).toBe(255);
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.1)).toBe(255);
});

test('touch: one finger draws, two fingers pan and zoom without painting', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, hasTouch: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(mask.root).toContainText('Mask fits the base image, 600 × 400');
  const box = await mask.box();
  const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number; id: number }[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map((p) => ({ ...p, radiusX: 4, radiusY: 4, force: 1 })),
    });

  // One finger: a horizontal stroke across the middle.
  await touch('touchStart', [{ ...at(0.3, 0.5), id: 1 }]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [{ ...at(0.3 + i * 0.05, 0.5), id: 1 }]);
  await touch('touchEnd', []);
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.5)).toBe(0);
  await expect(mask.button('Undo')).toBeEnabled();

  // Two fingers spreading apart: zoom in, nothing painted where they were.
  const zoomBefore = await mask.root.getByText(/^Zoom \d+%$/).textContent();
  await touch('touchStart', [{ ...at(0.45, 0.2), id: 2 }]);
  await touch('touchStart', [
    { ...at(0.45, 0.2), id: 2 },
    { ...at(0.55, 0.2), id: 3 },
  ]);
  for (let i = 1; i <= 6; i++) {
    await touch('touchMove', [
      { ...at(0.45 - i * 0.04, 0.2), id: 2 },
      { ...at(0.55 + i * 0.04, 0.2), id: 3 },
    ]);
  }
  await touch('touchEnd', []);
  await expect(mask.root.getByText(/^Zoom \d+%$/)).not.toHaveText(zoomBefore!);
  const zoomAfter = Number((await mask.root.getByText(/^Zoom \d+%$/).textContent())!.match(/\d+/)![0]);
  expect(zoomAfter).toBeGreaterThan(Number(zoomBefore!.match(/\d+/)![0]));
  const history = await mask.canvasArea.evaluate(
    (el) => (el as unknown as { maskEditor: { document: { undoDepth: number } } }).maskEditor.document.undoDepth,
  );
  expect(history).toBe(1);
  await context.close();
});

test('Select subject runs the offline model on the server with progress, without blocking other requests', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(mask.root).toContainText('Mask fits the base image, 600 × 400');
  await mask.button('Select subject').click();
  await expect(mask.root.getByRole('progressbar')).toBeVisible();
  // While the model works, the server keeps answering.
  const started = Date.now();
  expect((await page.request.get('/api/health')).status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(2_000);
  await expect(mask.root).toContainText('Selected the subject', { timeout: 200_000 });
  expect(await mask.maskAlphaAt(291 / 600, 152 / 400)).toBeLessThan(128); // the cup is selected for repainting
  expect(await mask.maskAlphaAt(0.01, 0.01)).toBe(255); // the table corner is kept
  // The other selection reuses the result: instant, and the exact opposite.
  await mask.button('Select background').click();
  await expect(mask.root).toContainText('Selected the background');
  expect(await mask.maskAlphaAt(291 / 600, 152 / 400)).toBeGreaterThan(128);
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => mask.maskAlphaAt(291 / 600, 152 / 400)).toBeLessThan(128);
});
