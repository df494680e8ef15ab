/**
 * Access tokens for specs that call /api/v1: made through Settings → Access tokens as a person would (the page
 * must already be open on /settings), read once from the `Access token` textbox.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function createAccessToken(
  page: Page,
  name: string,
  scope: 'Read' | 'Read and write' = 'Read and write',
): Promise<string> {
  await page.getByRole('textbox', { name: 'Token name' }).fill(name);
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: scope });
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('listitem', { name })).toBeVisible();
  return page.getByRole('textbox', { name: 'Access token' }).inputValue();
}
