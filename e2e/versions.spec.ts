import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Versions and comparisons, and the result's actions and lightbox: lineage after Make base
// twice, any two images compared, the action row's menu, Fit / 100 %, the divider's handle, a still image.

async function generate(studio: StudioPage, prompt: string, count = 1) {
  await studio.paintAcrossCentre();
  await studio.prompt.fill(prompt);
  await studio.select('Number of images').fill(String(count));
  await studio.generate.click();
  const task = studio.task(prompt);
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  return task;
}

test('lineage after Make base twice: the strip shows base → v1 → v2, each step opens', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const token = `l${Date.now().toString(36)}`;
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);

  const first = await generate(studio, `first ${token}`);
  const base = studio.references.getByRole('listitem').first();
  await first.getByRole('button', { name: 'Make base result 1' }).click();
  await expect(base).toContainText(/overpaint-.*-1\.png/);
  const firstBase = (await base.textContent())!;
  const second = await generate(studio, `second ${token}`);
  await second.getByRole('button', { name: 'Make base result 1' }).click();
  await expect(base).not.toHaveText(firstBase);
  const third = await generate(studio, `third ${token}`);

  await second.getByRole('button', { name: 'Open result 1 of 1' }).click();
  let lightbox = page.getByRole('dialog', { name: 'Result 1 of 1' });
  const strip = lightbox.getByRole('navigation', { name: 'Versions' });
  await expect(strip.getByRole('button')).toHaveCount(3);
  await expect(strip.getByRole('button', { name: 'Base: coffee.png' })).toBeVisible();
  await expect(strip.getByRole('button', { name: `v1: first ${token}` })).toBeVisible();
  await expect(strip.getByRole('button', { name: `v2: second ${token}` })).toHaveAttribute('aria-current', 'step');
  await expectNoSeriousA11yViolations(page);

  // A step opens that image; the strip stays, marking it.
  await strip.getByRole('button', { name: `v1: first ${token}` }).click();
  await expect(lightbox.getByRole('heading')).toContainText(`first ${token}`);
  await expect(strip.getByRole('button', { name: `v1: first ${token}` })).toHaveAttribute('aria-current', 'step');
  await expect(lightbox.getByRole('img', { name: `Result 1 of 1: first ${token}` })).toBeVisible();
  await strip.getByRole('button', { name: 'Base: coffee.png' }).click();
  lightbox = page.getByRole('dialog', { name: 'Base: coffee.png' });
  await expect(lightbox.getByRole('img', { name: /^Base: coffee\.png/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);

  // The newest result's chain is one longer.
  await third.getByRole('button', { name: 'Open result 1 of 1' }).click();
  lightbox = page.getByRole('dialog', { name: 'Result 1 of 1' });
  await expect(lightbox.getByRole('navigation', { name: 'Versions' }).getByRole('button')).toHaveCount(4);
  // ← → move between the gallery's results (newest first): → reaches the second task's result.
  await expect(lightbox.getByRole('heading')).toContainText(`third ${token}`);
  await page.keyboard.press('ArrowRight');
  await expect(lightbox.getByRole('heading')).toContainText(`second ${token}`);
  await page.keyboard.press('ArrowLeft');
  await expect(lightbox.getByRole('heading')).toContainText(`third ${token}`);
});

test('compare two results: slider on the image (pointer and keyboard), difference, a still image', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = new StudioPage(page);
  const token = `c${Date.now().toString(36)}`;
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  const task = await generate(studio, `pair ${token}`, 2);

  // The action row: named icon buttons with visible tooltips; the rest in a keyboard-operable menu.
  const makeBase = task.getByRole('button', { name: 'Make base result 1' });
  await makeBase.hover();
  await expect(
    makeBase.locator('xpath=..').locator('span[aria-hidden="true"]', { hasText: /^Make base$/ }),
  ).toBeVisible();
  const more = task.getByRole('button', { name: 'More actions for result 1' });
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('menuitem', { name: 'Compare result 1' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Copy result 1' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Delete result 1' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(more).toBeFocused();

  // Compare from the menu: the lightbox opens comparing; pick the other result.
  await studio.resultMenuAction(task, 'result 1', 'Compare');
  const lightbox = page.getByRole('dialog', { name: 'Result 1 of 2' });
  await expect(lightbox.getByRole('button', { name: 'Compare' })).toHaveAttribute('aria-pressed', 'true');
  await lightbox.getByLabel('Compare with').selectOption({ label: `Result 2 of 2: pair ${token}` });
  await expect(lightbox.getByRole('img', { name: `Result 2 of 2: pair ${token}` })).toBeVisible();
  const handle = lightbox.getByRole('slider', { name: 'Compare position' });
  await handle.focus();
  await page.keyboard.press('End');
  await expect(handle).toHaveAttribute('aria-valuenow', '100');
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', '99');
  // The arrow moved the divider, not the lightbox to another result.
  await expect(lightbox).toBeVisible();
  // Drag the handle on the image to a quarter of its width.
  const subject = lightbox.getByRole('img', { name: `Result 1 of 2: pair ${token}` });
  const frame = (await subject.boundingBox())!;
  const grip = (await handle.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * 0.25, grip.y + grip.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(24);
  expect(Number(await handle.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(26);

  // The image stays where it is in every mode.
  await lightbox.getByRole('button', { name: 'Difference' }).click();
  const difference = lightbox.getByRole('img', {
    name: new RegExp(`^Difference between Result 2 of 2: pair ${token} and result 1: [\\d.]+ % of pixels changed`),
  });
  await expect(difference).toBeVisible();
  expect(await difference.boundingBox()).toEqual(frame);
  await lightbox.getByRole('button', { name: 'Result', exact: true }).click();
  expect(await lightbox.getByRole('img', { name: `Result 1 of 2: pair ${token}` }).boundingBox()).toEqual(frame);

  // Against the base: the offline engine repaints only the painted band, so most of the image reads unchanged.
  await lightbox.getByLabel('Compare with').selectOption({ label: 'Base: coffee.png' });
  await lightbox.getByRole('button', { name: 'Difference' }).click();
  const againstBase = lightbox.getByRole('img', {
    name: /^Difference between the base and result 1: [\d.]+ % of pixels changed/,
  });
  await expect(againstBase).toBeVisible();
  const share = Number((await againstBase.getAttribute('aria-label'))!.match(/([\d.]+) %/)![1]);
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(25);

  // Fit and 100 %: one image pixel per screen pixel.
  await lightbox.getByRole('button', { name: 'Result', exact: true }).click();
  await lightbox.getByRole('button', { name: '100 %' }).click();
  const natural = await subject.evaluate((image: HTMLImageElement) => image.naturalWidth / window.devicePixelRatio);
  expect((await subject.boundingBox())!.width).toBeCloseTo(natural, 0);
  await lightbox.getByRole('button', { name: 'Fit' }).click();
  expect(await subject.boundingBox()).toEqual(frame);
  // The shortcuts the tooltips name: 1 for 100 %, 0 for Fit.
  await page.keyboard.press('1');
  await expect(lightbox.getByRole('button', { name: '100 %' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('0');
  await expect(lightbox.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoSeriousA11yViolations(page);
});
