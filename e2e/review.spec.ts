import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import type { Browser, Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Review links: a ratio set sent to a client who picks, approves and comments without an account.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-review', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());
test.beforeEach(() => fake.control({ reset: true, completeAfterPolls: 1 }));

type LaunchApp = (options: { env: Record<string, string> }) => Promise<{ url: string }>;

const PASSWORD = 'review studio password';

/**
 * A four-ratio set, finished, shared for review with the base and a watermark; the studio page stays open. With
 * `password`, the studio is behind APP_PASSWORD (signed in here), so the client's page proves it needs no session.
 */
async function setSharedForReview(launchApp: LaunchApp, page: Page, password = false) {
  const env = {
    TOAPIS_API_KEY: 'sk-e2e-review',
    TOAPIS_BASE_URL: fake.url,
    ...(password ? { APP_PASSWORD: PASSWORD } : {}),
  };
  const app = await launchApp({ env });
  if (password) {
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
  }
  const studio = new StudioPage(page);
  await studio.goto(app.url);
  await studio.addFiles(samplePath('rocket.jpg'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.prompt.fill('Extend the sky');
  await page.getByRole('button', { name: 'Make variants for ratios…' }).click();
  const variants = page.getByRole('dialog', { name: 'Make variants for ratios' });
  await variants.getByRole('button', { name: 'Social set' }).click();
  await variants.getByRole('button', { name: 'Submit 4 tasks' }).click();
  const set = studio.gallery.getByRole('article', { name: 'Set: Extend the sky' });
  await expect(set).toContainText('4 of 4 done', { timeout: 40_000 });

  await set.getByRole('button', { name: 'Share for review all ratios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share for review' });
  await dialog.getByRole('checkbox', { name: 'Include the base (before/after)' }).check();
  await dialog.getByRole('textbox', { name: 'Watermark' }).fill('PROOF');
  await dialog.getByRole('button', { name: 'Create review link' }).click();
  const link = dialog.getByRole('textbox', { name: 'Review link' });
  await expect(link).toHaveValue(/\/r\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { app, studio, set, url };
}

/** The client: a fresh browser context (no studio session, no cookies), named once. */
async function clientOn(browser: Browser, url: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const client = await context.newPage();
  const response = await client.goto(url);
  expect(response?.status()).toBe(200);
  return { context, client };
}

/** Every result card's text across the set's ratio tabs (one tab's task shows at a time). */
async function setText(set: ReturnType<Page['getByRole']>): Promise<string> {
  let text = '';
  for (const tab of await set.getByRole('tab').all()) {
    await tab.click();
    text += await set.getByRole('tabpanel').innerText();
  }
  return text;
}

test('a client picks one, approves another with a pinned comment; the studio sees it live, replies, closes, revokes', async ({
  launchApp,
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const { app, set, url } = await setSharedForReview(launchApp, page, true);
  const token = url.split('/r/')[1]!;
  const { context, client } = await clientOn(browser, url);

  await expect(client.getByRole('heading', { level: 1 })).toHaveText('4 ratios for review');
  await expect(client.getByText('Extend the sky')).toHaveCount(0);
  await expectNoSeriousA11yViolations(client);
  const options = client.getByRole('region', { name: /^Option \d/ });
  await expect(options).toHaveCount(4);
  // Before a name: no decisions.
  await expect(client.getByRole('button', { name: 'Pick' })).toHaveCount(0);
  await client.getByRole('textbox', { name: 'Your name' }).fill('Ana');
  await client.getByRole('button', { name: 'Continue' }).click();
  await expect(client.getByText('Reviewing as Ana')).toBeVisible();
  await client.screenshot({ path: testInfo.outputPath('review-desktop.png'), fullPage: true });

  const first = options.nth(0);
  const second = options.nth(1);
  const secondImage = await second.getByRole('img').first().getAttribute('src');
  // Watermarked on the server until approved: a JPEG copy, not the stored PNG.
  const marked = await client.request.get(`${app.url}${secondImage}`);
  expect(marked.headers()['content-type']).toBe('image/jpeg');

  await first.getByRole('button', { name: 'Pick' }).click();
  await expect(first.getByRole('button', { name: 'Pick' })).toHaveAttribute('aria-pressed', 'true');
  await second.getByRole('button', { name: 'Approve' }).click();
  await expect(second.getByRole('button', { name: 'Approve' })).toHaveAttribute('aria-pressed', 'true');
  expect((await client.request.get(`${app.url}${secondImage}`)).headers()['content-type']).toBe('image/png');

  // A comment pinned by keyboard: the pin starts in the middle, arrow keys move it.
  await second.getByRole('textbox', { name: 'Comment' }).fill('<b>Sky</b> a little brighter here');
  await second.getByRole('button', { name: 'Pin to a point' }).click();
  const pin = second.getByRole('button', { name: /^Comment pin at 50% across, 50% down/ });
  await pin.focus();
  await client.keyboard.press('ArrowRight');
  await client.keyboard.press('ArrowUp');
  await expect(second.getByRole('button', { name: /^Comment pin at 55% across, 45% down/ })).toBeFocused();
  await second.getByRole('button', { name: 'Send' }).click();
  const comments = second.getByRole('list', { name: 'Comments' });
  // Rendered as text, never as markup.
  await expect(comments).toContainText('<b>Sky</b> a little brighter here');
  await expect(second.getByText('Approved by Ana')).toBeVisible();

  // The studio, without a reload: on the result cards, apart from the team's own Approve.
  await expect.poll(() => setText(set), { timeout: 15_000 }).toContain('Picked by Ana');
  const cards = await setText(set);
  expect(cards).toContain('Approved by Ana (client)');
  await page.getByRole('checkbox', { name: 'Approved by client' }).check();
  await expect(page).toHaveURL(/[?&]client=approved/);
  await expect(page.getByRole('article', { name: /^Set:|^Task:/ }).first()).toContainText('Approved by Ana');

  // The review's own view: who and when, reply, close.
  await page.goto(`${app.url}/reviews`);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: '4 ratios for review' }).click();
  await expect(page.getByRole('heading', { name: 'Review: 4 ratios for review' })).toBeVisible();
  await expect(page.getByText('Approved by Ana')).toBeVisible();
  await expect(page.getByText('Picked by Ana')).toBeVisible();
  await expect(
    page
      .getByRole('definition')
      .filter({ hasText: /^[1-9]\d*$/ })
      .first(),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Reply to Ana' }).fill('We will brighten it.');
  await page.getByRole('button', { name: 'Reply' }).click();
  await expect(page.getByText('We will brighten it.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await client.reload();
  await expect(client.getByText('We will brighten it.')).toBeVisible();
  // The client's comment, arriving while the studio's view is open, shows without a reload.
  await client
    .getByRole('region', { name: /^Option 3/ })
    .getByRole('textbox', { name: 'Comment' })
    .fill('Could the rocket be larger?');
  await client
    .getByRole('region', { name: /^Option 3/ })
    .getByRole('button', { name: 'Send' })
    .click();
  await expect(page.getByText('Could the rocket be larger?')).toBeVisible({ timeout: 10_000 });

  await page.getByRole('button', { name: 'Close review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Review closed' })).toBeVisible();
  await client.reload();
  await expect(client.getByText('This review is closed')).toBeVisible();
  await expect(client.getByRole('button', { name: 'Pick' })).toHaveCount(0);
  await expect(client.getByRole('textbox', { name: 'Comment' })).toHaveCount(0);
  await expect(client.getByText('Approved by Ana')).toBeVisible();

  // Reopen, then revoke while the client's page is still open: every route answers 404 at once.
  await page.getByRole('button', { name: 'Reopen review' }).click();
  await client.reload();
  await expect(client.getByRole('button', { name: 'Pick' }).first()).toBeVisible();
  const firstImage = await options.nth(0).getByRole('img').first().getAttribute('src');
  const jobId = firstImage!.split('/')[4]!;
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('Link revoked')).toBeVisible();

  await options.nth(2).getByRole('button', { name: 'Pick' }).click();
  await expect(options.nth(2).getByRole('alert')).toContainText('no longer works');
  expect((await client.goto(url))?.status()).toBe(404);
  for (const path of [firstImage!, `${firstImage}?variant=thumb`, `/r/${token}/before/${jobId}`]) {
    expect((await client.request.get(`${app.url}${path}`)).status(), path).toBe(404);
  }
  await context.close();
});

test('the review page is usable on a phone (390 × 844): no sideways scrolling, every control reachable', async ({
  launchApp,
  page,
  browser,
}, testInfo) => {
  test.setTimeout(200_000);
  const { url } = await setSharedForReview(launchApp, page);
  const { context, client } = await clientOn(browser, url, { width: 390, height: 844 });
  await client.getByRole('textbox', { name: 'Your name' }).fill('Ben');
  await client.getByRole('button', { name: 'Continue' }).click();
  await expect(client.getByText('Reviewing as Ben')).toBeVisible();
  await expectNoSeriousA11yViolations(client);
  const overflow = () => client.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  await client.getByRole('button', { name: 'One by one' }).click();
  await expect(client.getByRole('region', { name: /^Option \d/ })).toHaveCount(1);
  await client.getByRole('button', { name: 'Next' }).click();
  await expect(client.getByText('2 of 4')).toBeVisible();
  const option = client.getByRole('region', { name: /^Option 2/ });
  for (const name of ['Pick', 'Approve', 'Request changes', 'Pin to a point', 'Show before']) {
    const control = option.getByRole('button', { name });
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height, `${name} is big enough to tap`).toBeGreaterThanOrEqual(24);
  }
  await option.getByRole('button', { name: 'Request changes' }).click();
  await expect(option.getByRole('button', { name: 'Request changes' })).toHaveAttribute('aria-pressed', 'true');
  await option.getByRole('textbox', { name: 'Comment' }).fill('Tighter crop, please.');
  await option.getByRole('button', { name: 'Send' }).click();
  await expect(option.getByRole('list', { name: 'Comments' })).toContainText('Tighter crop, please.');
  expect(await overflow()).toBeLessThanOrEqual(0);
  await client.getByRole('button', { name: 'Side by side' }).click();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await client.screenshot({ path: testInfo.outputPath('review-phone.png'), fullPage: true });
  await context.close();
});
