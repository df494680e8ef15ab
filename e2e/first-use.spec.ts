import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StartSectionPage } from './pages/start-section';
import { StudioPage } from './pages/studio-page';

// What a new user sees in the first minutes on a small laptop screen: Generate and the header stay in
// view, the mask tools name themselves, and the offline engine says what it will do and what it did.

test.use({ viewport: { width: 1280, height: 720 } });

test('first use at 1280 × 720: Generate and the header stay in view, tools show names, the offline engine says what it does', async ({
  launchApp,
  page,
}) => {
  const app = await launchApp({});
  const studio = new StudioPage(page);
  const start = new StartSectionPage(page);
  await studio.goto(app.url);

  // Each start card says what the offline engine makes of it; style transfer cannot restyle.
  await expect(start.section.getByRole('button', { name: /^Style transfer \(4k\) / })).toContainText(
    'Offline engine: resizes only, no restyling',
  );
  await expect(studio.generate).toBeInViewport();

  // No start point chosen: the guide names the mode by what the studio holds.
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await expect(page.getByText('Free editing: edit the whole image')).toBeVisible();
  // The file size never breaks across lines.
  const size = studio.references.getByText('455.8 KB', { exact: true });
  expect((await size.boundingBox())!.height).toBeLessThan(20);

  // An icon tool shows its name and shortcut on hover; the active one is pressed.
  const brush = studio.maskEditor.getByRole('button', { name: 'Brush', exact: true });
  await expect(brush).toHaveAttribute('aria-pressed', 'true');
  const eraser = studio.maskEditor.getByRole('button', { name: 'Eraser', exact: true });
  const tip = eraser.getByText('Eraser');
  await expect(tip).toHaveCSS('opacity', '0');
  await eraser.hover();
  await expect(tip).toHaveCSS('opacity', '1');
  await expect(tip.locator('kbd')).toHaveText('E');
  // Grow / Shrink / Feather and their distance are one group.
  const adjust = studio.maskEditor.getByRole('group', { name: 'Grow, shrink or feather the mask' });
  await expect(adjust.getByRole('spinbutton', { name: 'Adjust by pixels' })).toHaveValue('8');
  await expect(adjust.getByRole('button', { name: 'Grow mask' })).toBeVisible();

  await studio.paintAcrossCentre();
  await expect(page.getByText('Free editing: inpaint the painted area')).toBeVisible();
  await studio.prompt.fill('Remove the cup');
  await expect(studio.generate).toBeInViewport();
  await expectNoSeriousA11yViolations(page);

  // Scrolling the setup column to its end keeps the header (engine notice, navigation) and Generate in view.
  // (Not the wheel: over the canvas it zooms the mask editor.)
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  await expect(page.getByRole('banner')).toBeInViewport();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toBeInViewport();
  await expect(page.getByText('Engine: Offline engine')).toBeInViewport();
  await expect(studio.generate).toBeInViewport();
  await expect(page.getByText('1 image · 1536 × 1024 px · PNG')).toBeInViewport();

  await studio.generate.click();
  const task = studio.task('Remove the cup');
  await expect(task).toContainText('Completed', { timeout: 60_000 });
  await expect(task).toContainText(
    'Offline engine: fills the painted area from its surroundings; the prompt is not followed.',
  );
});
