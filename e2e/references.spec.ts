import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// The reference tray: drop, paste, the 16 cap, keyboard reordering, Make base and duplicates by content.

/** A small valid PNG whose colour depends on `seed`, so every file is distinct by content. */
async function tinyPng(seed: number, size = 8): Promise<{ name: string; base64: string }> {
  const buffer = await sharp({
    create: {
      width: size + seed,
      height: size,
      channels: 3,
      background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 60 },
    },
  })
    .png()
    .toBuffer();
  return { name: `ref-${seed}.png`, base64: buffer.toString('base64') };
}

/** Fires a real `drop` (or `paste`) event carrying these files, as the browser does for a drag from the desktop. */
async function deliver(page: Page, how: 'drop' | 'paste', files: { name: string; base64: string }[]) {
  await page.evaluate(
    ({ how, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: 'image/png' }));
      }
      if (how === 'drop') {
        const zone = document.querySelector('[data-testid="reference-drop-zone"]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      } else {
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { how, files },
  );
}

test('16 references by drop and paste, the 17th refused, reordered by keyboard, Make base, duplicates offered to skip', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const items = studio.references.getByRole('listitem');

  const files = await Promise.all(Array.from({ length: 17 }, (_, i) => tinyPng(i + 1)));
  await deliver(page, 'drop', files.slice(0, 8));
  await expect(items).toHaveCount(8, { timeout: 30_000 });
  await deliver(page, 'paste', files.slice(8, 16));
  await expect(items).toHaveCount(16, { timeout: 30_000 });
  await expect(page.getByLabel('16 of 16 references')).toBeVisible();
  // Each item says its name, pixel size and file size; the first is the base.
  await expect(items.first()).toContainText('ref-1.png');
  await expect(items.first()).toContainText('9 × 8');
  await expect(items.first()).toContainText(/\d+ B/);
  await expect(items.first()).toContainText('Base');

  await deliver(page, 'drop', files.slice(16));
  await expect(page.getByRole('alert', { name: 'Files not added' })).toContainText(
    'ref-17.png was not added: a task takes at most 16',
  );
  await expect(items).toHaveCount(16);

  // Keyboard: the third item's handle, ArrowUp twice, becomes the base; focus stays on it.
  const handle = page.getByRole('button', { name: /^Reorder ref-3\.png/ });
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(1)).toContainText('ref-3.png');
  await page.keyboard.press('ArrowUp');
  await expect(items.first()).toContainText('ref-3.png');
  await expect(items.first()).toContainText('Base');
  await expect(page.getByRole('button', { name: /^Reorder ref-3\.png, position 1 of 16/ })).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toContainText('ref-3.png');

  // Drag with the mouse: the second item dropped on the first.
  const second = (await items.nth(1).textContent())!.match(/ref-\d+\.png/)![0];
  await items.nth(1).dragTo(items.first());
  await expect(items.first()).toContainText(second);

  // Make base on any item.
  await items.filter({ hasText: 'ref-9.png' }).getByRole('button', { name: 'Make base ref-9.png' }).click();
  await expect(items.first()).toContainText('ref-9.png');
  await expect(items.first()).toContainText('Base');

  // The same bytes under another name are recognised and offered to skip.
  await items.filter({ hasText: 'ref-16.png' }).getByRole('button', { name: 'Remove ref-16.png' }).click();
  await expect(items).toHaveCount(15);
  await deliver(page, 'drop', [{ ...files[1]!, name: 'copy-of-two.png' }]);
  const duplicates = page.getByRole('list', { name: 'Duplicate images' });
  await expect(duplicates).toContainText('copy-of-two.png is the same image as ref-2.png');
  await expectNoSeriousA11yViolations(page);
  await duplicates.getByRole('button', { name: 'Skip copy-of-two.png' }).click();
  await expect(duplicates).toHaveCount(0);
  await expect(items).toHaveCount(15);
});

test('a reference over 10 MB uploads through the browser and the task completes', async ({ page }) => {
  test.setTimeout(120_000);
  // Noise does not compress: a 2200² RGB PNG of it is ~14 MB, past the proxy's default 10 MB body cap.
  const side = 2200;
  const noise = Buffer.alloc(side * side * 3);
  for (let i = 0, x = 0x9e3779b9; i < noise.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  const png = await sharp(noise, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  expect(png.length).toBeGreaterThan(12 * 1024 * 1024);

  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addFiles({ name: 'noise-14mb.png', mimeType: 'image/png', buffer: png });
  const items = studio.references.getByRole('listitem');
  await expect(items).toHaveCount(1, { timeout: 60_000 });
  await expect(items.first()).toContainText(`${side} × ${side}`);
  await expect(studio.maskEditor).toContainText(`Mask fits the base image, ${side} × ${side}`, { timeout: 60_000 });

  await studio.prompt.fill('a large reference');
  await studio.generate.click();
  await expect(studio.task('a large reference')).toContainText('Completed', { timeout: 90_000 });
});

test('an upload the server never answers is named and nothing is added; the next try goes through', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.goto();
  // The upload's server action dies on the wire, as when the server goes away mid-request.
  await page.route('**/*', (route) => {
    const request = route.request();
    const isUpload =
      request.method() === 'POST' &&
      request.headers()['next-action'] &&
      request.postDataBuffer()?.includes('lost-upload.png');
    return isUpload ? route.abort('connectionreset') : route.fallback();
  });
  const file = await tinyPng(3);
  await studio.addFiles({ name: 'lost-upload.png', mimeType: 'image/png', buffer: Buffer.from(file.base64, 'base64') });
  await expect(studio.refusals).toContainText(
    'lost-upload.png could not be uploaded: the server did not answer. Try again.',
  );
  await expect(studio.references.getByRole('listitem')).toHaveCount(0);

  await page.unrouteAll();
  await studio.addFiles({ name: 'lost-upload.png', mimeType: 'image/png', buffer: Buffer.from(file.base64, 'base64') });
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
});
