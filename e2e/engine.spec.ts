import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The offline engine on the production build: its PatchMatch kernel runs in worker threads started from the
// kernel's own compiled text, so a completed fill here proves the workers load under `next start`.

/** Paints over the cup of coffee.png (centre 48 %, 38 % of the image) with a large brush, in a few strokes. */
async function paintOverCup(studio: StudioPage, page: Page): Promise<void> {
  await studio.page.getByLabel('Brush size', { exact: true }).fill('90');
  const canvas = studio.maskEditor.locator('canvas').last();
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  for (const fy of [0.2, 0.3, 0.4, 0.5, 0.6]) {
    await page.mouse.move(box.x + box.width * 0.36, box.y + box.height * fy);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(box.x + box.width * (0.36 + 0.03 * step), box.y + box.height * fy);
    }
    await page.mouse.up();
  }
}

async function timeToLoad(page: Page, url: string): Promise<number> {
  const started = performance.now();
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  await res.body();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

test('an offline inpainting removes the masked object, keeps the rest, and the studio stays responsive', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const studio = new StudioPage(page);
  await studio.goto();
  await expect(page.getByText('Engine: Offline engine')).toBeVisible();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await paintOverCup(studio, page);
  await page.screenshot({ path: testInfo.outputPath('painted.png') });

  const quiet: number[] = [];
  for (let i = 0; i < 3; i++) quiet.push(await timeToLoad(page, '/'));

  await studio.prompt.fill('Remove the cup');
  await studio.select('Aspect ratio').selectOption('3:2');
  await studio.select('Resolution').selectOption('2k');
  await studio.generate.click();
  const task = studio.newestTask();
  await expect(task).toContainText('In progress', { timeout: 30_000 });

  // A page load while the engine works answers about as fast as without it: the fill runs off the event loop.
  const busy: number[] = [];
  for (let i = 0; i < 3; i++) busy.push(await timeToLoad(page, '/'));
  await expect(task).toContainText('In progress');
  const timing = `quiet ${median(quiet).toFixed(0)} ms, during the fill ${median(busy).toFixed(0)} ms`;
  testInfo.annotations.push({ type: 'page load', description: timing });
  console.log(`[engine e2e] page load: ${timing}`);
  expect(median(busy)).toBeLessThan(median(quiet) * 3 + 400);

  await expect(task).toContainText('Completed', { timeout: 90_000 });
  await expect(task).toContainText('2048 × 1360');
  await page.screenshot({ path: testInfo.outputPath('completed.png') });

  const href = await task
    .getByRole('link', { name: /^Download result/ })
    .first()
    .getAttribute('href');
  const result = Buffer.from(await (await page.request.get(href!)).body());
  const original = await sharp(samplePath('coffee.png'))
    .resize({ width: 2048, height: 1360, fit: 'cover', position: 'centre' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const got = await sharp(result).removeAlpha().raw().toBuffer();
  expect(got.length).toBe(original.length);
  const meanDiff = (x0: number, y0: number, size: number) => {
    let sum = 0;
    for (let y = y0; y < y0 + size; y++) {
      for (let x = x0; x < x0 + size; x++) {
        for (let c = 0; c < 3; c++) sum += Math.abs(got[(y * 2048 + x) * 3 + c]! - original[(y * 2048 + x) * 3 + c]!);
      }
    }
    return sum / (size * size * 3);
  };
  // The cup's white rim and dark coffee, at ~48 %, 38 %: repainted with the table and saucer around it.
  expect(meanDiff(Math.round(2048 * 0.48) - 60, Math.round(1360 * 0.36) - 60, 120)).toBeGreaterThan(25);
  // Far from the mask (the table's corners), the photo is untouched.
  expect(meanDiff(20, 20, 150)).toBe(0);
  expect(meanDiff(2048 - 170, 1360 - 170, 150)).toBe(0);
});
