import { apiRecipeListSchema } from '@/lib/api/schemas';
import { apiResponse } from '@/lib/server/api/respond';
import { listRecipes } from '@/lib/server/batches/recipes';
import { guardRoute } from '@/lib/server/guard';
import { ok } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** The team's recipes, for a task's `recipeId` or a batch. */
async function get(): Promise<Response> {
  const recipes = await listRecipes();
  return apiResponse(ok(apiRecipeListSchema.parse({ recipes })));
}

export const GET = guardRoute(get, { token: 'view' });
