import { getRecipes } from '@/app/batch/actions';
import type { RecipeView } from '@/app/batch/actions';

/** The team's recipes, shared by Save as recipe (which refreshes it) and the Batch page's picker. */
export const recipesQuery = {
  queryKey: ['recipes'] as const,
  queryFn: async (): Promise<RecipeView[]> => {
    const result = await getRecipes();
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  },
};
