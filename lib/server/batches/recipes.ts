import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { recipeInputSchema, type RecipeInput } from '@/lib/batches/recipe';
import { MASK_RULE_FIELD_LABELS, MASK_RULE_LABELS, type MaskRule } from '@/lib/batches/mask-rule';
import { fail, ok, type Result } from '@/lib/errors';
import { findAssets, storeGeneratedAsset } from '../assets';
import type { Actor } from '../auth/actor';
import { getDb } from '../storage/db';
import { recipes, type RecipeRow } from '../storage/schema';

export interface RecipeView {
  id: string;
  name: string;
  prompt: string;
  ratios: string[];
  maskRule: MaskRule;
  /** "Select background", for the picker. */
  maskLabel: string;
  /** Tasks per image (one per ratio, or one). */
  tasksPerImage: number;
  options: RecipeInput['options'];
  references: number;
  createdBy: string | null;
  createdAt: string;
}

export function recipeView(row: RecipeRow): RecipeView {
  return {
    id: row.id,
    name: row.name,
    prompt: row.prompt,
    ratios: row.ratios,
    maskRule: row.maskRule,
    maskLabel: MASK_RULE_LABELS[row.maskRule.kind],
    tasksPerImage: Math.max(1, row.ratios.length),
    options: row.options,
    references: row.referenceIds.length,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listRecipes(): Promise<RecipeView[]> {
  const db = await getDb();
  return (await db.select().from(recipes).orderBy(asc(recipes.name))).map(recipeView);
}

export async function findRecipe(id: string): Promise<RecipeRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(recipes).where(eq(recipes.id, id)).limit(1);
  return row ?? null;
}

/**
 * Saves a recipe for the team; one of the same name is replaced (as presets are). The `current` mask rule keeps
 * the painted mask as its own asset, scaled to each image later; any other rule keeps none.
 */
export async function saveRecipe(input: unknown, mask: Blob | null, actor: Actor): Promise<Result<RecipeView>> {
  const parsed = recipeInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'name' ? 'recipeName' : String(issue?.path[0] ?? 'form');
    // A shape's or margin's number: named as the form labels it ("Margin left: at most 100 % of the image.").
    const number = issue?.path[0] === 'maskRule' ? (issue.path[1] as keyof typeof MASK_RULE_FIELD_LABELS) : undefined;
    const label = number && number in MASK_RULE_FIELD_LABELS ? `${MASK_RULE_FIELD_LABELS[number]}: ` : '';
    return fail('form:invalid', `${label}${issue?.message ?? 'The recipe could not be read.'}`, { field });
  }
  const recipe = parsed.data;
  const references = await findAssets(recipe.referenceIds);
  if (references.length !== recipe.referenceIds.length || references.some((row) => row.kind !== 'reference')) {
    return fail('reference:not_found', 'A reference of this recipe is no longer stored; remove it and add it again.', {
      field: 'references',
    });
  }
  let maskId: string | null = null;
  if (recipe.maskRule.kind === 'current') {
    const bytes = mask && mask.size > 0 ? new Uint8Array(await mask.arrayBuffer()) : null;
    const meta = bytes
      ? await sharp(bytes)
          .metadata()
          .catch(() => null)
      : null;
    if (!bytes || !meta || meta.format !== 'png' || !meta.hasAlpha) {
      return fail(
        'mask:missing',
        'Mask rule: no mask is painted to scale to each image. Paint one, or pick another rule.',
        {
          field: 'maskRule',
        },
      );
    }
    maskId = (await storeGeneratedAsset({ kind: 'mask', bytes, filename: 'recipe-mask.png' })).id;
  }
  const db = await getDb();
  const values = {
    prompt: recipe.prompt,
    options: recipe.options,
    referenceIds: recipe.referenceIds,
    ratios: recipe.ratios,
    maskRule: recipe.maskRule,
    maskId,
    createdBy: actor.id,
  };
  const [row] = await db
    .insert(recipes)
    .values({ id: randomUUID(), name: recipe.name, ...values })
    .onConflictDoUpdate({ target: recipes.name, set: { ...values, createdAt: new Date() } })
    .returning();
  return row ? ok(recipeView(row)) : fail('server:error', 'The recipe could not be saved.');
}
