import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// Sharing on embedded defaults: make a result, share it, open the link as a stranger, revoke it.

/** Content Security Policy violations the browser reports on a page (they mean the policy broke the app). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

async function makeResult(studio: StudioPage, prompt: string) {
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.paintAcrossCentre();
  await studio.prompt.fill(prompt);
  await studio.select('Resolution').selectOption('1k');
  await studio.select('Quality').selectOption('low');
  await studio.generate.click();
  const task = studio.task(prompt);
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  return task;
}

test('a shared result opens for anyone, unfurls, shows the prompt only when chosen, and 404s once revoked', async ({
  page,
  browser,
  baseURL,
}) => {
  const studioCsp = watchCsp(page);
  const studio = new StudioPage(page);
  const prompt = 'Turn the saucer gold';
  const task = await makeResult(studio, prompt);

  const downloadHref = (await task
    .getByRole('link', { name: /^Download result/ })
    .first()
    .getAttribute('href'))!;
  await task.getByRole('button', { name: 'Share result 1' }).click();
  // The share panel is a modal dialog: the rest of the page, the task card included, is inert while it is open.
  const panel = page.getByRole('dialog', { name: 'Share result 1' });
  const link = panel.getByRole('textbox', { name: 'Share link' });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  expect(url.startsWith(`${baseURL}/s/`)).toBe(true);
  // The token is random, never an id the studio shows.
  expect(url).not.toContain(downloadHref.split('/')[3]!.split('?')[0]);
  await expect(panel.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A stranger: a fresh context with no cookies or storage.
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  const visitorCsp = watchCsp(visitor);
  const response = await visitor.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  const image = visitor.getByRole('img', { name: 'Shared image' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(visitor.getByRole('button', { name: 'Generate' })).toHaveCount(0);
  await expect(visitor.getByRole('region', { name: 'Gallery' })).toHaveCount(0);
  await expect(visitor.getByText(prompt)).toHaveCount(0);
  const download = visitor.getByRole('link', { name: 'Download' });
  await expect(download).toBeVisible();
  await expectNoSeriousA11yViolations(visitor);

  // The image: our route, full quality, CDN-fit caching, nothing internal in its URL or headers.
  const imageSrc = (await image.getAttribute('src'))!;
  expect(imageSrc).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/image\/0$/);
  const file = await visitor.request.get(imageSrc);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/png');
  expect(file.headers()['cache-control']).toContain('public');
  expect(file.headers()['etag']).toMatch(/^"[0-9a-f]{64}"$/);
  const again = await visitor.request.get(imageSrc, { headers: { 'If-None-Match': file.headers()['etag']! } });
  expect(again.status()).toBe(304);
  const downloaded = await visitor.request.get((await download.getAttribute('href'))!);
  expect(downloaded.headers()['content-disposition']).toMatch(/^attachment; filename="overpaint-shared-1\.png"$/);

  // Open Graph and Twitter cards with an absolute preview image that really is one.
  const og = (property: string) => visitor.locator(`head meta[property="${property}"]`).getAttribute('content');
  expect(await og('og:url')).toBe(url);
  const ogImage = (await og('og:image'))!;
  expect(ogImage).toBe(`${url}/og`);
  expect(await visitor.locator('head meta[name="twitter:card"]').getAttribute('content')).toBe('summary_large_image');
  expect(await visitor.locator('head meta[name="twitter:image"]').getAttribute('content')).toBe(ogImage);
  const preview = await visitor.request.get(ogImage);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('image/jpeg');

  // The sharer chooses to include the prompt: the page shows it from the next visit on.
  await panel.getByRole('checkbox', { name: 'Include prompt' }).check();
  await expect(panel.getByText('The page now shows the prompt.')).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByRole('img', { name: prompt })).toBeVisible();
  await expect(visitor.locator('blockquote')).toContainText(prompt);

  // The original is not shared until chosen; then the page compares them with a slider.
  const beforeSrc = new URL(`${url}/before`).pathname;
  expect((await visitor.request.get(beforeSrc)).status()).toBe(404);
  await expect(visitor.getByRole('slider', { name: 'Before and after' })).toHaveCount(0);
  await panel.getByRole('checkbox', { name: 'Before/after slider' }).check();
  await expect(panel.getByText('The page now shows the original too.')).toBeVisible();
  await visitor.reload();
  const slider = visitor.getByRole('slider', { name: 'Before and after' });
  await expect(slider).toBeVisible();
  await slider.fill('20');
  await expect(visitor.getByRole('img', { name: 'The original, before the edit' })).toHaveAttribute(
    'style',
    /inset\(0(px)? 80% 0(px)? 0(px)?\)/,
  );
  const original = await visitor.request.get(beforeSrc);
  expect(original.status()).toBe(200);
  expect(original.headers()['content-type']).toBe('image/png');
  await expectNoSeriousA11yViolations(visitor);

  // Revoke from the list of every link: page, image and preview answer 404 at once.
  await page.goto('/shares');
  const row = page.getByRole('listitem', { name: `Result 1: ${prompt}` });
  await expect(row).toContainText('Active');
  await expectNoSeriousA11yViolations(page);
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(row).toContainText('Revoked');
  expect((await visitor.goto(url))?.status()).toBe(404);
  expect((await visitor.request.get(imageSrc)).status()).toBe(404);
  expect((await visitor.request.get(ogImage)).status()).toBe(404);
  expect((await visitor.request.get(beforeSrc)).status()).toBe(404);

  expect(studioCsp, 'CSP violations in the studio').toEqual([]);
  expect(visitorCsp, 'CSP violations on the share page').toEqual([]);
  await stranger.close();
});

test('an unknown or malformed share token is a plain 404', async ({ request }) => {
  expect((await request.get(`/s/${'A'.repeat(43)}`)).status()).toBe(404);
  expect((await request.get('/s/not-a-token')).status()).toBe(404);
  expect((await request.get(`/s/${'A'.repeat(43)}/image/0`)).status()).toBe(404);
});
