/**
 * Password reset without a mail server: an admin copies a member's reset link from the People page, the member opens
 * it in a fresh browser, sets a new password, and signs in with it; the old password and the used link no longer
 * work, and the member's other sessions ended. "Forgot password?" says to ask an admin.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test, type AppServer } from './support/fixtures';
import { StudioPage } from './pages/studio-page';

const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' };
const MEMBER = { name: 'Milo Member', email: 'milo@example.com', password: 'member-password-1' };
const NEW_PASSWORD = 'member-password-2';

async function fillAccountForm(page: Page, person: { name?: string; email: string; password: string }) {
  if (person.name) await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
}

async function signIn(browser: Browser, app: AppServer, email: string, password: string) {
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await page.goto('/login');
  await fillAccountForm(page, { email, password });
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

test('an admin copies a reset link; the member sets a new password with it, once', async ({ launchApp, browser }) => {
  test.setTimeout(180_000);
  const app = await launchApp({ env: { AUTH_MODE: 'accounts', APP_PASSWORD: undefined } });

  const ownerContext = await browser.newContext({ baseURL: app.url });
  const owner = await ownerContext.newPage();
  await owner.goto('/');
  await fillAccountForm(owner, OWNER);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await expect(new StudioPage(owner).gallery).toBeVisible();
  await owner.goto('/people');
  await owner.getByRole('button', { name: 'Invite' }).click();
  await owner.getByRole('button', { name: 'Create invitation' }).click();
  const invitation = await owner.getByRole('textbox', { name: 'Invitation link' }).inputValue();

  const memberContext = await browser.newContext({ baseURL: app.url });
  const member = await memberContext.newPage();
  await member.goto(invitation);
  await fillAccountForm(member, MEMBER);
  await member.getByRole('button', { name: 'Join' }).click();
  await expect(new StudioPage(member).gallery).toBeVisible();

  // The admin's Reset password, in the member's row: a link to pass on.
  await owner.goto('/people');
  const row = owner.getByRole('row').filter({ hasText: MEMBER.email });
  await row.getByRole('button', { name: 'Reset password' }).click();
  const linkBox = row.getByRole('textbox', { name: 'Password reset link' });
  await expect(linkBox).toHaveValue(/\/reset\/[A-Za-z0-9]{16,}$/);
  await expect(linkBox).toHaveAccessibleDescription(/works once and expires in 60 minutes/);
  await expectNoSeriousA11yViolations(owner);
  const link = await linkBox.inputValue();
  // The member's session is untouched until the link is used.
  expect((await memberContext.request.get('/api/jobs')).status()).toBe(200);

  // In a fresh browser: the link's page, the new password, then sign in with it.
  const fresh = await browser.newContext({ baseURL: app.url });
  const page = await fresh.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use at least 8 characters.' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your new password is set' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await fillAccountForm(page, { email: MEMBER.email, password: NEW_PASSWORD });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(new StudioPage(page).gallery).toBeVisible();

  // The member's other session ended with the reset; the old password fails; the link is spent.
  expect((await memberContext.request.get('/api/jobs')).status()).toBe(401);
  const old = await signIn(browser, app, MEMBER.email, MEMBER.password);
  await expect(old.page.getByRole('alert').filter({ hasText: /do not match/ })).toBeVisible();
  await old.page.goto(link);
  await expect(old.page.getByText('This password reset link has expired or was already used.')).toBeVisible();
  await expectNoSeriousA11yViolations(old.page);
  await expect(old.page.getByRole('textbox', { name: 'New password' })).toHaveCount(0);

  // Forgot password? without a mail server: ask an admin.
  await old.page.goto('/login');
  await old.page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(old.page.getByRole('heading', { name: 'Forgot password?' })).toBeVisible();
  await expect(old.page.getByText('Ask an admin of your workspace for a password reset link')).toBeVisible();
  await expectNoSeriousA11yViolations(old.page);

  // The activity log has both: the link made by the owner, the reset by the member.
  await owner.goto('/people?kind=password.reset-link');
  const made = owner.getByRole('list', { name: 'Activity entries' }).getByRole('listitem');
  await expect(made).toHaveCount(1);
  await expect(made.filter({ hasText: OWNER.name })).toHaveCount(1);
  await owner.goto('/people?kind=password.reset');
  const resets = owner.getByRole('list', { name: 'Activity entries' }).getByRole('listitem');
  await expect(resets.filter({ hasText: MEMBER.name })).toHaveCount(1);

  for (const c of [ownerContext, memberContext, fresh, old.context]) await c.close();
});
