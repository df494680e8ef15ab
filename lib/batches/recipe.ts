import { z } from 'zod';
import { FIXED_RATIOS, generationOptionsSchema, MAX_PROMPT_CHARS, MAX_REFERENCES } from '@/lib/jobs/options';
import { maskRuleSchema } from './mask-rule';

/** A batch's images share the task's references with the recipe's own: one place is the base, so one fewer. */
export const MAX_RECIPE_REFERENCES = MAX_REFERENCES - 1;

/**
 * A recipe is a task minus its base: the prompt (with placeholders), the other references, the options (Keep
 * unmasked pixels among them), an optional ratio set, and the rule that makes each image's mask.
 */
export const recipeInputSchema = z.object({
  name: z.string().trim().min(1, 'Recipe name: give the recipe a name.').max(80, 'Recipe name: at most 80 characters.'),
  prompt: z
    .string()
    .trim()
    .min(1, 'Prompt: describe the edit; a recipe needs a prompt.')
    .max(MAX_PROMPT_CHARS, `Prompt: at most ${MAX_PROMPT_CHARS} characters.`),
  options: generationOptionsSchema,
  referenceIds: z
    .array(z.string().min(1))
    .max(MAX_RECIPE_REFERENCES, `References: a recipe keeps at most ${MAX_RECIPE_REFERENCES} besides each image.`),
  /** Empty: one task per image at the options' ratio. Otherwise one task per image and ratio. */
  ratios: z.array(z.enum(FIXED_RATIOS)).max(FIXED_RATIOS.length),
  maskRule: maskRuleSchema,
});
export type RecipeInput = z.infer<typeof recipeInputSchema>;

/** How many tasks a batch of `images` makes with a recipe of `ratios`. */
export function tasksPerBatch(images: number, ratios: readonly string[]): number {
  return images * Math.max(1, ratios.length);
}
