import { request as playwrightRequest } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

// With APP_PASSWORD set: the studio needs a login; share pages, health and the engine stay public; actions and
// routes refuse callers without a session by themselves (not only through the proxy's redirect).

const PASSWORD = 'correct horse battery staple';

test('a private studio: login, refusals without a session, and share links that still work', async ({
  launchApp,
  browser,
}) => {
  const app = await launchApp({ env: { APP_PASSWORD: PASSWORD } });
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();

  // The studio sends a visitor to the login page; health stays public, the gallery API refuses.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Generate' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  expect((await page.request.get('/api/health')).status()).toBe(200);
  const jobs = await page.request.get('/api/jobs');
  expect(jobs.status()).toBe(401);
  expect((await jobs.json()).error.code).toBe('auth:required');
  await page.goto('/shares');
  await expect(page).toHaveURL(/\/login\?next=%2Fshares$/);

  // A wrong password is refused, next to the field.
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('That password is not right.');
  expect((await context.cookies()).find((c) => c.name === 'overpaint_session')).toBeUndefined();

  // The right one opens the studio (here: the page it was headed for) with a locked-down cookie. React resets the
  // form once the first action is over; typing before that reset would be wiped.
  await expect(page.getByLabel('Password')).toHaveValue('');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/shares$/);
  const cookie = (await context.cookies()).find((c) => c.name === 'overpaint_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

  // Work as usual.
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.prompt.fill('Warm the light');
  await studio.select('Resolution').selectOption('1k');
  await studio.select('Quality').selectOption('low');
  await studio.generate.click();
  const task = studio.task('Warm the light');
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  // Catch the server action request Share makes.
  const actionRequest = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await task.getByRole('button', { name: 'Share result 1' }).click();
  const captured = await actionRequest;
  const url = await task.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await page.keyboard.press('Escape');

  // The same action replayed without the cookie: refused by the action itself, nothing stored.
  const anonymous = await playwrightRequest.newContext({ baseURL: app.url });
  const headers = { ...captured.headers() };
  delete headers.cookie;
  const replay = await anonymous.post(new URL(captured.url()).pathname, { headers, data: captured.postDataBuffer()! });
  const body = await replay.text();
  expect(body).toContain('auth:required');
  expect(body).not.toContain('/s/');
  // With the cookie, the very same request is accepted (so the refusal above was about the session).
  const signedIn = await context.request.post(new URL(captured.url()).pathname, {
    headers: { ...headers, cookie: `${cookie!.name}=${cookie!.value}` },
    data: captured.postDataBuffer()!,
  });
  expect(await signedIn.text()).toMatch(/\/s\/[A-Za-z0-9_-]{43}/);

  // The share page works for a stranger; the studio and its images do not.
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  expect((await visitor.goto(url))?.status()).toBe(200);
  await expect(visitor.getByRole('img', { name: 'Shared image' })).toBeVisible();
  const resultImage = await task.getByRole('img', { name: /^Result/ }).getAttribute('src');
  expect((await anonymous.get(resultImage!)).status()).toBe(401);
  await visitor.goto(`${app.url}/`);
  await expect(visitor).toHaveURL(/\/login$/);

  // Signing out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/jobs')).status()).toBe(401);

  await anonymous.dispose();
  await stranger.close();
  await context.close();
});
