import sharp from 'sharp';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { MaskEditorPage } from './pages/mask-editor-page';
import { StudioPage } from './pages/studio-page';

// What people have: a WebP dropped through the file picker becomes a reference; an imported mask says how it was read.

test('a WebP through Add reference images becomes a reference (stored as PNG)', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const webp = await sharp(samplePath('coffee.png')).webp({ quality: 90 }).toBuffer();
  await studio.addFiles({ name: 'holiday.webp', mimeType: 'image/webp', buffer: webp });
  const item = studio.references.getByRole('listitem');
  await expect(item).toHaveCount(1, { timeout: 30_000 });
  await expect(item.first()).toContainText('holiday.png');
  await expect(item.first()).toContainText('600 × 400');
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expectNoSeriousA11yViolations(page);
});

test('an imported mask says how it was read: black and white when opaque, by transparency otherwise', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  const mask = new MaskEditorPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(mask.root).toContainText('Mask fits the base image, 600 × 400');

  // Opaque: white top half (repaint), black bottom half (keep).
  const bw = Buffer.alloc(600 * 400 * 3);
  bw.fill(255, 0, bw.length / 2);
  const opaque = await sharp(bw, { raw: { width: 600, height: 400, channels: 3 } })
    .png()
    .toBuffer();
  await mask.root
    .getByLabel('Import mask PNG')
    .setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: opaque });
  await expect(mask.root).toContainText(
    'Imported mask.png: no transparency, so read as black and white — white is repainted',
  );
  expect(await mask.maskAlphaAt(0.5, 0.1)).toBe(0);
  expect(await mask.maskAlphaAt(0.5, 0.9)).toBe(255);

  // Alpha: transparent bottom half is repainted.
  const rgba = Buffer.alloc(600 * 400 * 4);
  for (let i = 0; i < 600 * 400; i++) rgba[i * 4 + 3] = i < 300 * 400 ? 255 : 0;
  const alpha = await sharp(rgba, { raw: { width: 600, height: 400, channels: 4 } })
    .png()
    .toBuffer();
  await mask.root
    .getByLabel('Import mask PNG')
    .setInputFiles({ name: 'alpha.png', mimeType: 'image/png', buffer: alpha });
  await expect(mask.root).toContainText(
    'Imported alpha.png: read by its transparency — transparent areas are repainted',
  );
  await expect.poll(() => mask.maskAlphaAt(0.5, 0.9)).toBe(0);
  expect(await mask.maskAlphaAt(0.5, 0.1)).toBe(255);
});
