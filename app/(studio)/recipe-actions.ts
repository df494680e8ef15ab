'use server';

import { type Result } from '@/lib/errors';
import { saveRecipe, type RecipeView } from '@/lib/server/batches/recipes';
import { guardAction } from '@/lib/server/guard';
import { readSubmitForm } from '@/lib/server/submit-form';

/** Save as recipe: `payload` is the recipe's JSON, `mask` the painted mask (kept only for the `current` rule). */
export async function putRecipe(formData: FormData): Promise<Result<RecipeView>> {
  return guardAction('putRecipe', 'curate', async (actor) => {
    const form = readSubmitForm(formData);
    return form.ok ? saveRecipe(form.data.input, form.data.mask, actor) : form;
  });
}
