import sharp from 'sharp';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The walking skeleton on embedded defaults: offline engine, PGlite, blobs in a fresh DATA_DIR.

test('edits an image end to end on the offline engine, and the results survive a reload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await expect(page.getByText('Engine: Offline engine')).toBeVisible();
  await expect(page.getByText(/not a generative model/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await studio.addFiles([samplePath('coffee.png'), samplePath('chelsea.png')]);
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await expect(studio.references.getByRole('listitem').first()).toContainText('coffee.png');
  await expect(studio.references.getByRole('listitem').first()).toContainText('Base');
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');

  await studio.paintAcrossCentre();
  await studio.prompt.fill('Remove the cup, keep the saucer');
  await studio.select('Aspect ratio').selectOption('3:2');
  await studio.select('Resolution').selectOption('1k');
  await studio.select('Quality').selectOption('low');
  await studio.select('Number of images').fill('2');
  await studio.select('Output format').selectOption('jpeg');
  await studio.select('JPEG compression').fill('80');
  await studio.generate.click();

  const task = studio.newestTask();
  await expect(task).toContainText('Remove the cup, keep the saucer');
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  const results = task.getByRole('img', { name: /^Result/ });
  await expect(results).toHaveCount(2);
  await expect(task.getByRole('link', { name: /^Download result/ })).toHaveCount(2);
  await expect(task).toContainText('1536 × 1024');

  // Result images come from our own origin, and really are the chosen format and size.
  const download = await task
    .getByRole('link', { name: /^Download result/ })
    .first()
    .getAttribute('href');
  expect(download).toMatch(/^\/api\/assets\/[0-9a-f-]{36}\?download=1$/);
  const file = await page.request.get(download!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/jpeg');
  expect(file.headers()['content-disposition']).toMatch(/attachment/);
  for (const img of await results.all()) {
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    expect(await img.getAttribute('src')).toMatch(/^\/api\/assets\//);
  }
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await expect(studio.newestTask()).toContainText('Completed');
  await expect(studio.newestTask().getByRole('img', { name: /^Result/ })).toHaveCount(2);
});

test('the mask sent with a task has the base image’s displayed size and alpha 0 where painted', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  // Stored 427 × 320 with EXIF orientation 6: displayed (and masked) as 320 × 427.
  await studio.addFiles(samplePath('portrait-exif-orientation-6.jpg'));
  await expect(studio.references.getByRole('listitem').first()).toContainText('320 × 427');
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 320 × 427');
  await studio.paintAcrossCentre();
  await studio.prompt.fill('Make the sky purple');
  await studio.generate.click();
  const task = studio.newestTask();
  await expect(task).toContainText('Make the sky purple');
  await expect(task).toContainText('masked');
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  // auto follows the upright base (portrait): 3:4 at 1k.
  await expect(task).toContainText('768 × 1024');
});

test('bad input gets a message naming the file or field, and nothing is stored for it', async ({ page }, testInfo) => {
  const studio = new StudioPage(page);
  await studio.goto();

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const oversized = testInfo.outputPath('huge.png');
  const { writeFile, truncate } = await import('node:fs/promises');
  await writeFile(oversized, png);
  await truncate(oversized, 50 * 1024 * 1024 + 1);

  await studio.addFiles([
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not an image') },
    { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    { name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00') },
    { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
  ]);
  const refusals = page.getByRole('alert', { name: 'Files not added' });
  await expect(refusals).toContainText('notes.png is not an image');
  await expect(refusals).toContainText('empty.png is empty');
  // A GIF is taken now (converted to PNG); this one has a header and nothing else, so the server says so.
  await expect(refusals).toContainText('anim.gif could not be read');
  await expect(refusals).toContainText('logo.svg is an SVG drawing');
  await studio.addFiles(oversized);
  // One byte over: never "50.0 MB; at most 50.0 MB".
  await expect(refusals).toContainText('huge.png is 52,428,801 bytes; references can be at most 52,428,800 bytes');
  await expect(studio.references.getByRole('listitem')).toHaveCount(0);

  // A damaged PNG passes the browser's first look but not the server's decoder: refused, nothing stored.
  await studio.addFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(64)]) });
  await expect(refusals).toContainText('broken.png could not be read');
  await expect(studio.references.getByRole('listitem')).toHaveCount(0);

  // Sixteen references are fine; the seventeenth is refused by name.
  const sixteen = await Promise.all(
    Array.from({ length: 16 }, async (_, i) => ({
      name: `ref-${i + 1}.png`,
      mimeType: 'image/png',
      buffer: await tinyPng(i),
    })),
  );
  await studio.addFiles(sixteen);
  await expect(studio.references.getByRole('listitem')).toHaveCount(16, { timeout: 30_000 });
  await studio.addFiles({ name: 'seventeenth.png', mimeType: 'image/png', buffer: await tinyPng(99) });
  await expect(refusals).toContainText('seventeenth.png was not added: a task takes at most 16');
  await expect(studio.references.getByRole('listitem')).toHaveCount(16);

  // An empty prompt is named, nothing is submitted, and the page keeps working.
  const tasksBefore = await studio.gallery.getByRole('article').count();
  await studio.generate.click();
  await expect(page.getByText('Prompt: describe the edit you want; it is empty.')).toBeVisible();
  await expect(studio.prompt).toHaveAttribute('aria-invalid', 'true');
  await expect(studio.gallery.getByRole('article')).toHaveCount(tasksBefore);
  await studio.prompt.fill('Blend them');
  await expect(page.getByText('Prompt: describe the edit you want; it is empty.')).toHaveCount(0);
});

/** A small valid PNG whose colour depends on `seed`, so every file is distinct. */
function tinyPng(seed: number): Promise<Buffer> {
  return sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 128 } },
  })
    .png()
    .toBuffer();
}
