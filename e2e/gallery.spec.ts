import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Options constraints and the live gallery: contact sheet, lightbox, Use as reference, delete with undo, filters.

test('the options form offers only valid combinations and shows the output size', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const resolution = studio.select('Resolution');
  await studio.select('Aspect ratio').selectOption('1:1');
  await expect(resolution.locator('option[value="4k"]')).toBeDisabled();
  await expect(page.getByText('4k is available only for 16:9, 9:16, 2:1, 1:2, 21:9, 9:21.')).toBeVisible();
  await studio.select('Aspect ratio').selectOption('16:9');
  await expect(resolution.locator('option[value="4k"]')).toBeEnabled();
  await resolution.selectOption('2k');
  await expect(page.getByText('16:9 · 2k → 2048 × 1152')).toBeVisible();
  await resolution.selectOption('4k');
  // Leaving a 4k ratio drops 4k rather than keeping an impossible pair.
  await studio.select('Aspect ratio').selectOption('4:3');
  await expect(resolution).toHaveValue('2k');
  await expect(studio.select('JPEG compression')).toBeDisabled();
  await studio.select('Output format').selectOption('jpeg');
  await expect(studio.select('JPEG compression')).toBeEnabled();
  await studio.select('Number of images').fill('14');
  await expect(studio.select('Number of images')).toHaveValue('10');

  // A preset stores options and a prompt prefix on the server; applying it brings both back.
  const name = `Wide ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Save as preset' }).click();
  await page.getByLabel('Preset name').fill(name);
  await page.getByLabel('Prompt prefix').fill('House style:');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await expect(page.getByText(`Preset “${name}” saved.`)).toBeVisible();
  await studio.select('Aspect ratio').selectOption('1:1');
  await studio.select('Number of images').fill('2');
  await studio.prompt.fill('a red cup');
  await studio.select('Preset').selectOption({ label: name });
  await expect(studio.select('Aspect ratio')).toHaveValue('4:3');
  await expect(studio.select('Number of images')).toHaveValue('10');
  await expect(studio.prompt).toHaveValue('House style: a red cup');
});

test('a task with n = 3 shows three results; compare, difference, Use as reference, delete with undo, filter', async ({
  page,
}) => {
  // Two generations and a difference of full-size images: over a minute on a loaded 2-core machine.
  test.setTimeout(120_000);
  const studio = new StudioPage(page);
  // The worker's app is shared with other specs: this test's tasks carry a token of their own to filter by.
  const token = `t${Date.now().toString(36)}`;
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await studio.paintAcrossCentre();
  await studio.prompt.fill(`Three variations of the cup ${token}`);
  await studio.select('Number of images').fill('3');
  await studio.generate.click();

  const task = studio.task(`Three variations of the cup ${token}`);
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  const results = task.getByRole('list', { name: 'Results' }).getByRole('listitem');
  await expect(results).toHaveCount(3);
  await expect(task.getByRole('img', { name: /^Result \d of 3/ })).toHaveCount(3);
  // Thumbnails, not originals, in the contact sheet.
  await expect(task.getByRole('img', { name: /^Result 1 of 3/ })).toHaveAttribute('src', /variant=thumb/);
  // Each tile offers a small and a large thumbnail; the browser picks by the tile's width (the gallery bench counts
  // which were loaded).
  const tile = task.getByRole('img', { name: /^Result 1 of 3/ });
  await expect(tile).toHaveAttribute('srcset', /variant=thumb-small 320w, .*variant=thumb 640w/);

  // Lightbox: compare (slider + hold) and difference.
  await task.getByRole('button', { name: 'Open result 2 of 3' }).click();
  const lightbox = page.getByRole('dialog', { name: 'Result 2 of 3' });
  await expect(lightbox).toBeVisible();
  await lightbox.getByRole('button', { name: 'Compare' }).click();
  await expect(lightbox.getByRole('slider', { name: 'Compare position' })).toBeVisible();
  await expect(lightbox.getByRole('img', { name: 'Base: coffee.png' })).toBeVisible();
  // Fit shows the whole image; 100 % is one image pixel per screen pixel (a 1:1 result is 1024 px wide).
  await expect(lightbox.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  await lightbox.getByRole('button', { name: '100 %' }).click();
  await expect(lightbox.getByRole('button', { name: '100 %' })).toHaveAttribute('aria-pressed', 'true');
  await lightbox.getByRole('button', { name: 'Zoom in' }).click();
  await expect(lightbox.getByRole('group', { name: 'Zoom' })).toContainText('200 %');
  await lightbox.getByRole('button', { name: 'Fit' }).click();
  await lightbox.getByRole('button', { name: 'Difference' }).click();
  // The offline engine repaints only the painted band: some pixels change, most do not.
  const difference = lightbox.getByRole('img', {
    name: /Difference between the base and result 2: [\d.]+ % of pixels changed/,
  });
  await expect(difference).toBeVisible();
  const share = Number((await difference.getAttribute('aria-label'))!.match(/([\d.]+) %/)![1]);
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(60);
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);

  // Use as reference adds the result to the tray, without a new upload.
  await task.getByRole('button', { name: 'Use as reference result 1' }).click();
  await expect(studio.references.getByRole('listitem')).toHaveCount(2);
  await expect(studio.references.getByRole('listitem').nth(1)).toContainText(/overpaint-.*-1\.png/);

  // Delete, then undo.
  await studio.resultMenuAction(task, 'result 3', 'Delete');
  await expect(results).toHaveCount(2);
  await studio.gallery.getByRole('button', { name: 'Undo delete' }).click();
  await expect(results).toHaveCount(3);

  // A second task, then filter by text and by status.
  await studio.prompt.fill(`Sunset sky ${token}`);
  await studio.select('Number of images').fill('1');
  await studio.generate.click();
  await expect(studio.newestTask()).toContainText('Sunset sky');
  await expect(studio.newestTask()).toContainText('Completed', { timeout: 45_000 });
  const filter = studio.gallery.getByRole('searchbox', { name: 'Filter by prompt' });
  await filter.fill(`cup ${token}`);
  await expect(studio.gallery.getByRole('article')).toHaveCount(1);
  await expect(studio.newestTask()).toContainText('Three variations of the cup');
  await filter.fill(token);
  await expect(studio.gallery.getByRole('article')).toHaveCount(2);
  // The filter lives in the URL: a reload (or a shared link) keeps it.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${token}`));
  await page.reload();
  await expect(filter).toHaveValue(token);
  await expect(studio.gallery.getByRole('article')).toHaveCount(2);
  await studio.gallery.getByLabel('Filter by status').selectOption('failed');
  await expect(studio.gallery.getByRole('article')).toHaveCount(0);
  await expect(studio.gallery).toContainText('No task matches this filter.');
});
