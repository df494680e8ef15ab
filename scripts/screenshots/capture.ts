/**
 * The studio's screens as a designer reviews them, at 1440 × 1000 and 1280 × 720: the first screen, after adding a
 * base, after painting, a running and a completed task, the lightbox in each of its modes, and Settings.
 *
 *   npm run build
 *   npx tsx scripts/screenshots/capture.ts [out-dir]     # default /tmp/overpaint-shots
 *
 * Starts the built app the way the e2e suite does (`npm start` on a free port, a fresh DATA_DIR, the offline engine)
 * and drives it with Playwright by role and name. Needs a Chromium (CHROMIUM_PATH, or see scripts/lib/find-chromium.mjs).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, type Page, type Route } from '@playwright/test';
import { REPO_ROOT, startApp, type AppServer } from '../../e2e/support/app-server';
import { StudioPage } from '../../e2e/pages/studio-page';
// @ts-expect-error -- a plain .mjs helper shared with the test runner; it has no type declarations
import { findChromium } from '../lib/find-chromium.mjs';

const VIEWPORTS = [
  { width: 1440, height: 1000 },
  { width: 1280, height: 720 },
];
const SAMPLE = process.env.OVERPAINT_SAMPLES_DIR
  ? path.join(process.env.OVERPAINT_SAMPLES_DIR, 'coffee.png')
  : path.resolve(REPO_ROOT, '..', 'shared', 'samples', 'coffee.png');
/** The lightbox's modes, by their button names. */
const LIGHTBOX_MODES = ['Result', 'Compare', 'Difference'];

async function main() {
  const outDir = path.resolve(process.argv[2] ?? '/tmp/overpaint-shots');
  mkdirSync(outDir, { recursive: true });
  const found = findChromium(REPO_ROOT) as { path: string | null } | null;
  const browser = await chromium.launch({
    executablePath: found?.path ?? undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const app = await startApp();
  try {
    for (const viewport of VIEWPORTS) {
      const page = await browser.newPage({ viewport });
      await captureAll(page, app, (name) => path.join(outDir, `${viewport.width}x${viewport.height}-${name}.png`));
      await page.close();
    }
    console.log(`Screenshots in ${outDir}`);
  } finally {
    await browser.close();
    await app.dispose();
  }
}

async function captureAll(page: Page, app: AppServer, file: (name: string) => string) {
  const shot = async (name: string) => {
    await page.screenshot({ path: file(name) });
    console.log(file(name));
  };
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  // A draft from the previous viewport's run comes back: start from an empty studio.
  const newEdit = page.getByRole('button', { name: 'New edit' });
  if (await newEdit.isVisible()) await newEdit.click();
  await expect(page.getByRole('region', { name: 'Start', exact: true })).toBeVisible();
  // Loaded, not loading: the editor's toolbar and the gallery's first answer.
  await expect(studio.maskEditor.getByRole('toolbar', { name: 'Mask tools' })).toBeVisible({ timeout: 30_000 });
  await expect(studio.gallery).not.toContainText('Loading your tasks', { timeout: 30_000 });
  await shot('01-first-screen');

  await page
    .getByRole('region', { name: 'Start', exact: true })
    .getByRole('button', { name: /^Inpaint with a mask / })
    .click();
  await studio.addFiles(SAMPLE);
  await expect(studio.maskEditor).toContainText('Mask fits the base image, 600 × 400');
  await page.mouse.move(0, 0);
  await shot('02-base-added');

  await studio.paintAcrossCentre();
  await studio.prompt.fill('Remove the cup');
  // The tooltip of the active tool, as a pointer resting on it shows it.
  await studio.maskEditor.getByRole('button', { name: 'Brush', exact: true }).hover();
  await page.waitForTimeout(400);
  await shot('03-painted');

  const card = studio.task('Remove the cup');
  await captureRunning(page, studio, card, shot);
  await expect(card).toContainText('Completed', { timeout: 60_000 });
  await card.scrollIntoViewIfNeeded();
  await shot('05-completed');

  await card.getByRole('button', { name: /^Open result 1 of/ }).click();
  const lightbox = page.getByRole('dialog', { name: /^Result 1 of/ });
  await expect(lightbox).toBeVisible();
  for (const [index, mode] of LIGHTBOX_MODES.entries()) {
    await lightbox.getByRole('button', { name: mode, exact: true }).click();
    await page.waitForTimeout(500);
    await shot(`06-lightbox-${index + 1}-${mode.toLowerCase()}`);
  }
  await page.keyboard.press('Escape');

  await page.goto(`${app.url}/settings`);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await shot('07-settings');
}

/**
 * The offline engine finishes a small edit within a poll or two, so the card is held where the user first sees it
 * running: once a gallery answer with the task still running has reached the page, later polls wait until the
 * screenshot is taken.
 */
async function captureRunning(
  page: Page,
  studio: StudioPage,
  card: ReturnType<StudioPage['task']>,
  shot: (name: string) => Promise<void>,
) {
  const held: Route[] = [];
  let holding = false;
  await page.route(/\/api\/jobs/, async (route) => {
    if (holding) return void held.push(route);
    const response = await route.fetch();
    const body = await response.text();
    if (/"status":"(queued|in_progress)"/.test(body)) holding = true;
    await route.fulfill({ response, body });
  });
  await studio.generate.click();
  const running = await card
    .getByRole('progressbar')
    .waitFor({ timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (running) await shot('04-running');
  else console.warn('The task finished before a poll saw it running: no running screenshot.');
  holding = false;
  await page.unroute(/\/api\/jobs/);
  await Promise.all(held.map((route) => route.continue().catch(() => {})));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
