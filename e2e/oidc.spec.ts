/**
 * Signing in with OpenID Connect against a real provider (oidc-provider, in this process on a loopback port, with
 * its own login and consent pages): the browser goes there and back through /api/auth/callback/oidc, the code is
 * exchanged server-to-server with the client secret, the ID token's signature is checked against the provider's
 * JWKS. A person new to the workspace joins as a viewer, and a second sign-in reuses their account. No provider
 * sign-in before the owner exists; a refusal at the provider is said on the sign-in page; the secret never
 * reaches the browser or the log.
 */
import type { Page } from '@playwright/test';
import { freePort } from './support/app-server';
import { expect, expectNoSeriousA11yViolations, test } from './support/fixtures';
import { startOidcProvider, type OidcProviderHandle } from './support/oidc-provider';
import { StudioPage } from './pages/studio-page';

const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' };
const PROVIDER = 'Test IdP';

let idp: OidcProviderHandle | undefined;
test.afterEach(async () => {
  await idp?.close();
  idp = undefined;
});

/** At the provider: its own login page (any password; the login names the account), then its consent page. */
async function signInAtProvider(page: Page, provider: OidcProviderHandle) {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(provider.person.login);
  await page.locator('input[name="password"]').fill('any password at the test provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('sign in through a real OpenID Connect provider: a viewer, the same account next time, refusals said', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ redirectUri: `${appUrl}/api/auth/callback/oidc` });
  const app = await launchApp({
    port,
    env: {
      AUTH_MODE: 'accounts',
      APP_PASSWORD: undefined,
      APP_URL: appUrl,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_NAME: PROVIDER,
    },
  });
  const seen: string[] = [];
  const context = await browser.newContext({ baseURL: app.url });
  context.on('request', (request) => seen.push(`${request.url()} ${request.postData() ?? ''}`));
  context.on('response', async (response) => {
    if (response.url().startsWith(app.url) && response.status() < 300) seen.push(await response.text().catch(() => ''));
  });
  const page = await context.newPage();
  const providerButton = page.getByRole('button', { name: `Sign in with ${PROVIDER}` });

  // Before an owner exists nobody joins through the provider: only the owner form is offered.
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
  await expect(providerButton).toHaveCount(0);
  await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
  await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(new StudioPage(page).gallery).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The provider's button, its own pages, and back: signed in as that person, a viewer.
  await providerButton.click();
  await signInAtProvider(page, idp);
  const studio = new StudioPage(page);
  await expect(studio.gallery).toBeVisible();
  expect(new URL(page.url()).origin).toBe(app.url);
  await expect(page.getByRole('banner').getByText(idp.person.name, { exact: true })).toBeVisible();
  await expect(studio.generate).toBeDisabled();
  await expect(studio.generate).toHaveAccessibleDescription(/Viewers can look, star and comment/);
  // The code was exchanged and the ID token checked server-to-server.
  expect(idp.requests).toEqual(expect.arrayContaining(['/token', '/jwks']));

  // Signed out and in again: the provider remembers them (no login or consent page), and the account is reused.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await providerButton.click();
  await expect(studio.gallery).toBeVisible();
  await expect(page.getByRole('banner').getByText(idp.person.name, { exact: true })).toBeVisible();

  const ownerContext = await browser.newContext({ baseURL: app.url });
  const owner = await ownerContext.newPage();
  await owner.goto('/login');
  await owner.getByLabel('Email', { exact: true }).fill(OWNER.email);
  await owner.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(new StudioPage(owner).gallery).toBeVisible();
  await owner.goto('/people');
  const rows = owner.getByRole('row').filter({ hasText: idp.person.email });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByRole('combobox', { name: `Role of ${idp.person.name}` })).toHaveValue('viewer');
  await owner.goto('/people?kind=sign-in');
  const signIns = owner.getByRole('list', { name: 'Activity entries' }).getByRole('listitem');
  await expect(signIns.filter({ hasText: idp.person.name })).toHaveCount(2);

  // Someone who cancels at the provider comes back to the sign-in page, which says so.
  const strangerContext = await browser.newContext({ baseURL: app.url });
  const stranger = await strangerContext.newPage();
  await stranger.goto('/login');
  await stranger.getByRole('button', { name: `Sign in with ${PROVIDER}` }).click();
  await stranger.waitForURL((url) => url.origin === idp!.issuer);
  await stranger.getByRole('link', { name: '[ Cancel ]' }).click();
  await stranger.waitForURL((url) => url.origin === app.url && url.pathname === '/login');
  expect(new URL(stranger.url()).searchParams.get('error')).toBe('access_denied');
  await expect(stranger.getByRole('alert').filter({ hasText: `${PROVIDER} did not sign you in` })).toBeVisible();
  await expectNoSeriousA11yViolations(stranger);
  expect((await strangerContext.request.get('/api/jobs')).status()).toBe(401);

  // The client secret stayed on the server: not in any page, request or answer the browser saw, nor in the log.
  expect(seen.length).toBeGreaterThan(10);
  expect(seen.filter((entry) => entry.includes(idp!.clientSecret))).toEqual([]);
  expect(app.logs()).not.toContain(idp.clientSecret);
  for (const c of [context, ownerContext, strangerContext]) await c.close();
});
