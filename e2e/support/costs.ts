/**
 * Cost settings for specs that spend (AUTH_MODE open or accounts, one instance or two): an admin's prices, budget
 * and confirmation threshold, set through the Settings page's Costs region as a person would.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Prices per image by quality and resolution (USD), easy to add up by hand; each input image adds 0.01. */
export const PRICES = {
  low: { '1k': '0.01', '2k': '0.02', '4k': '0.04' },
  medium: { '1k': '0.05', '2k': '0.1', '4k': '0.2' },
  high: { '1k': '0.2', '2k': '0.4', '4k': '0.8' },
} as const;

/** On /settings: saves the team's budget and threshold (empty: none), and first the PRICES table when asked. */
export async function saveCostSettings(page: Page, fields: { budget: string; confirmAbove: string; prices?: boolean }) {
  const costs = page.getByRole('region', { name: 'Costs' });
  if (fields.prices) {
    await costs.getByRole('textbox', { name: 'Currency' }).fill('USD');
    for (const [quality, row] of Object.entries(PRICES)) {
      for (const [resolution, price] of Object.entries(row)) {
        await costs.getByRole('spinbutton', { name: `Price per image, ${quality} quality, ${resolution}` }).fill(price);
      }
    }
    await costs.getByRole('spinbutton', { name: 'Price per input image' }).fill('0.01');
  }
  await costs.getByRole('spinbutton', { name: 'Monthly budget' }).fill(fields.budget);
  await costs.getByRole('spinbutton', { name: 'Confirm above' }).fill(fields.confirmAbove);
  await costs.getByRole('button', { name: 'Save cost settings' }).click();
  await expect(costs.getByRole('status')).toHaveText('Cost settings saved.');
}
