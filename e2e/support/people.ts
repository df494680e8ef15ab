/**
 * People for accounts-mode specs (AUTH_MODE=accounts): who they are, and the steps every such spec takes with them
 * through the real pages (the owner account form, an invitation from the People page, joining by its link).
 */
import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures';
import { StudioPage } from '../pages/studio-page';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export const OWNER: Person = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' };
export const ADMIN: Person = { name: 'Ada Admin', email: 'ada@example.com', password: 'admin-password-1' };
export const MEMBER: Person = { name: 'Milo Member', email: 'milo@example.com', password: 'member-password-1' };
export const VIEWER: Person = { name: 'Vera Viewer', email: 'vera@example.com', password: 'viewer-password-1' };

/** Fills the owner, join or sign-in form (sign-in has no Name). */
export async function fillAccountForm(page: Page, person: { name?: string; email: string; password: string }) {
  if (person.name) await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
}

/** On a fresh workspace: the first page asks for the owner account; made, it lands in the studio. */
export async function createOwner(page: Page, person: Person = OWNER): Promise<StudioPage> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
  await fillAccountForm(page, person);
  await page.getByRole('button', { name: 'Create account' }).click();
  const studio = new StudioPage(page);
  await expect(studio.gallery).toBeVisible();
  return studio;
}

/** An admin's invitation from the People page; returns its link. */
export async function invite(page: Page, role: 'admin' | 'member' | 'viewer'): Promise<string> {
  await page.goto('/people');
  await page.getByRole('button', { name: 'Invite' }).click();
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = page.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toHaveValue(/\/join\/[A-Za-z0-9_-]{20,}$/);
  return link.inputValue();
}

/** A new browser (its own cookies) that joins by `link` as `person` and lands in the studio. */
export async function join(browser: Browser, origin: string, link: string, person: Person): Promise<StudioPage> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join this workspace' })).toBeVisible();
  await fillAccountForm(page, person);
  await page.getByRole('button', { name: 'Join' }).click();
  const studio = new StudioPage(page);
  await expect(studio.gallery).toBeVisible();
  return studio;
}
