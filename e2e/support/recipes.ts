/**
 * Recipes for batch specs: made in the studio with Save as recipe, as a person would (the page must be on the
 * studio). The prompt is typed until it sticks: typed before hydration, the studio's draft would replace it.
 */
import type { Page } from '@playwright/test';
import type { MaskRuleKind } from '../../lib/batches/mask-rule';
import { expect } from './fixtures';

interface RecipeFields {
  prompt: string;
  name: string;
  rule: MaskRuleKind;
}

/** Types the prompt, opens Save as recipe and fills its name and mask rule; the caller saves. */
export async function openRecipeForm(page: Page, fields: RecipeFields): Promise<void> {
  const prompt = page.getByRole('textbox', { name: 'Prompt' });
  await expect(async () => {
    await prompt.fill(fields.prompt);
    await expect(prompt).toHaveValue(fields.prompt, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Save as recipe' }).click();
  await page.getByRole('textbox', { name: 'Recipe name' }).fill(fields.name);
  await page.getByRole('combobox', { name: 'Mask for each image' }).selectOption(fields.rule);
}

export async function saveRecipeFromStudio(page: Page, fields: RecipeFields): Promise<void> {
  await openRecipeForm(page, fields);
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByText(`Recipe “${fields.name}” saved.`)).toBeVisible();
}
