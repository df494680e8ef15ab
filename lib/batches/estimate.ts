import { estimateRatioSet, estimateTask, type CostEstimate, type Pricing } from '@/lib/cost/estimate';
import type { AspectRatio } from '@/lib/jobs/options';
import type { RecipeInput } from './recipe';

/** The part of a recipe that decides what a batch costs. */
export interface PricedRecipe {
  options: RecipeInput['options'];
  ratios: readonly string[];
  /** The recipe's own references; each item also sends its image as the base. */
  references: number;
}

/**
 * What a batch of `images` will cost: every item, priced as the feeder sends it (the image as base plus the
 * recipe's references; one task per ratio when the recipe has a ratio set). The same figure the server checks
 * against the budgets before it starts the batch.
 */
export function estimateBatch(pricing: Pricing, recipe: PricedRecipe, images: number): CostEstimate {
  const task = { options: recipe.options, inputImages: 1 + recipe.references };
  const perImage =
    recipe.ratios.length > 0
      ? estimateRatioSet(pricing, task, recipe.ratios as readonly AspectRatio[])
      : estimateTask(pricing, task);
  return {
    micros: perImage.micros * images,
    images: perImage.images * images,
    tasks: perImage.tasks * images,
    currency: pricing.currency,
  };
}
