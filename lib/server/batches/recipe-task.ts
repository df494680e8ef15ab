import 'server-only';
import { fillPrompt } from '@/lib/batches/prompt';
import type { RecipeBody } from '../storage/schema';
import type { AssetRow } from '../storage/schema';
import { storeGeneratedAsset } from '../assets';
import { itemMask } from './item-mask';

/** What `submitJob` needs for one image by a recipe (the caller adds its idempotency key). */
export interface RecipeTaskInput {
  prompt: string;
  options: RecipeBody['options'];
  referenceIds: string[];
  startPoint: 'inpaint' | null;
}

export type RecipeTask =
  | { kind: 'task'; input: RecipeTaskInput; mask: Blob | null }
  /** The mask rule's segmentation is busy with the studio's selections: try again later. */
  | { kind: 'busy' }
  | { kind: 'refused'; message: string };

/**
 * One image's task by a recipe: the image as the base, then the recipe's references; its prompt with the image's
 * placeholders filled; its options at `ratio` when a ratio set names one; and the mask its rule makes for this
 * image. A batch item (feeder.ts) and an API task with `recipeId` both come through here, so they cannot differ.
 */
export async function recipeTask(
  recipe: Omit<RecipeBody, 'ratios'>,
  image: AssetRow,
  at: { index: number; ratio: string | null },
  recipeMask: AssetRow | null,
): Promise<RecipeTask> {
  const mask = await itemMask(recipe.maskRule, image, recipeMask);
  if (mask.kind !== 'mask') return mask;
  const ratio = at.ratio ?? recipe.options.size;
  // A margin rule's padded canvas is a reference of its own, named after the original, like Expand canvas's.
  const baseId = mask.base
    ? (
        await storeGeneratedAsset({
          kind: 'reference',
          bytes: mask.base,
          filename: `${image.filename.replace(/\.[^.]+$/, '')}-expanded.png`,
        })
      ).id
    : image.id;
  return {
    kind: 'task',
    input: {
      prompt: fillPrompt(recipe.prompt, { filename: image.filename, index: at.index, ratio }),
      options: at.ratio ? { ...recipe.options, size: at.ratio as RecipeBody['options']['size'] } : recipe.options,
      referenceIds: [baseId, ...recipe.referenceIds],
      startPoint: mask.png ? 'inpaint' : null,
    },
    mask: mask.png ? new Blob([new Uint8Array(mask.png)], { type: 'image/png' }) : null,
  };
}
