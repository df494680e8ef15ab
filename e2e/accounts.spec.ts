/**
 * Accounts mode (AUTH_MODE=accounts) in real browsers, one context per person: the first run's owner account,
 * invitations joined by a member and a viewer, a member kept off the People page, a deactivated person's session
 * ended at once, the activity log, the draft that follows its person, and sessions shared by two instances.
 * A team at work (roles in the gallery, the viewer's refused Generate) is team-workspace.spec.ts.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, type AppServer } from './support/fixtures';
import { testPostgres } from '../lib/testing/postgres';
import { StudioPage } from './pages/studio-page';
import { fillAccountForm, invite, join, MEMBER, OWNER, VIEWER, type Person } from './support/people';

/** A new browser (its own cookies) for `person`, joined by `link`. */
async function joinContext(browser: Browser, app: AppServer, link: string, person: Person): Promise<BrowserContext> {
  return (await join(browser, app.url, link, person)).page.context();
}

test('owner, member and viewer: first run, invitations, the People page kept for admins, deactivation, activity', async ({
  launchApp,
  browser,
}) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: { AUTH_MODE: 'accounts', APP_PASSWORD: undefined } });

  // First run: every page leads to the owner account form.
  const ownerContext = await browser.newContext({ baseURL: app.url });
  const owner = await ownerContext.newPage();
  await owner.goto('/shares');
  await expect(owner.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
  await expectNoSeriousA11yViolations(owner);
  await fillAccountForm(owner, OWNER);
  await owner.getByRole('button', { name: 'Create account' }).click();
  const ownerStudio = new StudioPage(owner);
  await expect(ownerStudio.gallery).toBeVisible();
  await expect(owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' })).toBeVisible();

  // Invitations: one link each, single use.
  const memberLink = await invite(owner, 'member');
  await expectNoSeriousA11yViolations(owner);
  const viewerLink = await invite(owner, 'viewer');
  const memberContext = await joinContext(browser, app, memberLink, MEMBER);
  const viewerContext = await joinContext(browser, app, viewerLink, VIEWER);
  const stranger = await browser.newContext({ baseURL: app.url });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(memberLink);
  await expect(
    strangerPage.getByText('This invitation link has expired, was already used or was revoked.'),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(strangerPage);

  // A member has no People page; the link is not shown and the page sends them back to the studio.
  const member = memberContext.pages()[0]!;
  await expect(member.getByRole('link', { name: 'People' })).toHaveCount(0);
  await member.goto('/people');
  await expect(member).toHaveURL(new URL('/', app.url).toString());

  // The viewer's Generate (disabled, and refused when replayed) is in team-workspace.spec.ts, with the whole team.

  // Deactivation ends the member's session at once.
  await owner.goto('/people');
  await expectNoSeriousA11yViolations(owner);
  await owner.getByRole('button', { name: `Deactivate ${MEMBER.name}` }).click();
  await expect(owner.getByRole('button', { name: `Reactivate ${MEMBER.name}` })).toBeVisible();
  expect((await memberContext.request.get('/api/jobs')).status()).toBe(401);
  await member.goto('/');
  await expect(member).toHaveURL(/\/login/);

  // The activity log, filtered by kind.
  await owner.goto('/people?kind=person.joined');
  const entries = owner.getByRole('list', { name: 'Activity entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.filter({ hasText: VIEWER.name })).toHaveCount(1);

  for (const context of [ownerContext, memberContext, viewerContext, stranger]) await context.close();
});

test('sign-in, sign-out and the draft that follows its person to another browser', async ({ launchApp, browser }) => {
  test.setTimeout(120_000);
  const app = await launchApp({ env: { AUTH_MODE: 'accounts', APP_PASSWORD: undefined } });
  const first = await browser.newContext({ baseURL: app.url });
  const page = await first.newPage();
  await page.goto('/');
  await fillAccountForm(page, OWNER);
  await page.getByRole('button', { name: 'Create account' }).click();
  const studio = new StudioPage(page);
  await expect(studio.gallery).toBeVisible();
  await studio.prompt.fill('A draft that travels');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await fillAccountForm(page, { email: OWNER.email, password: 'not-the-password' });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /do not match/ })).toBeVisible();

  const second = await browser.newContext({ baseURL: app.url });
  const other = await second.newPage();
  await other.goto('/');
  await fillAccountForm(other, { email: OWNER.email, password: OWNER.password });
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(new StudioPage(other).prompt).toHaveValue('A draft that travels');
  await first.close();
  await second.close();
});

test('two instances on PostgreSQL share sessions: made on one, honoured on the other; signed out on one, ended on both', async ({
  launchApp,
  browser,
}) => {
  const found = await testPostgres();
  test.skip(!found.ok, `needs PostgreSQL: ${found.ok ? '' : found.reason}`);
  if (!found.ok) return;
  test.setTimeout(120_000);
  const env = {
    AUTH_MODE: 'accounts',
    APP_PASSWORD: undefined,
    DATABASE_URL: await found.pg.createDatabase('overpaint_accounts'),
  };
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);

  const context = await browser.newContext({ baseURL: first.url });
  const page = await context.newPage();
  await page.goto('/');
  await fillAccountForm(page, OWNER);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(new StudioPage(page).gallery).toBeVisible();
  await new StudioPage(page).prompt.fill('Drafted on the first instance');
  await page.waitForTimeout(1500);

  // The same browser cookies on the other instance (one host, two ports: cookies are per host).
  const onSecond = await context.newPage();
  await onSecond.goto(second.url);
  await expect(new StudioPage(onSecond).prompt).toHaveValue('Drafted on the first instance');
  expect((await context.request.get(`${second.url}/api/jobs`)).status()).toBe(200);

  // A copy of the session cookie, kept to replay after signing out (the browser itself drops its own).
  const copied = (await context.cookies(first.url)).map((c) => `${c.name}=${c.value}`).join('; ');
  expect((await fetch(`${first.url}/api/jobs`, { headers: { cookie: copied } })).status).toBe(200);
  await onSecond.getByRole('button', { name: 'Sign out' }).click();
  await expect(onSecond.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // Copies of the cookie are dead everywhere: the session row is gone.
  expect((await context.request.get(`${first.url}/api/jobs`)).status()).toBe(401);
  expect((await fetch(`${first.url}/api/jobs`, { headers: { cookie: copied } })).status).toBe(401);
  expect((await fetch(`${second.url}/api/jobs`, { headers: { cookie: copied } })).status).toBe(401);
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
