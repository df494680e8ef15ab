'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fail, type Result } from '@/lib/errors';
import { saveCostSettings, type CostSettings } from '@/lib/server/cost/settings';
import { guardAction } from '@/lib/server/guard';

/* Settings › Costs: prices, the confirmation threshold and the team's monthly budget; admins and the owner only. */

const inputSchema = z.object({
  prices: z.unknown(),
  confirmAbove: z.string().max(40),
  teamBudget: z.string().max(40),
});

export async function saveCostSettingsAction(input: unknown): Promise<Result<CostSettings>> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'The cost settings could not be read; reload the page.');
  return guardAction('saveCostSettings', 'admin', async (actor) => {
    const saved = await saveCostSettings(parsed.data, actor.id);
    if (saved.ok) {
      revalidatePath('/settings');
      revalidatePath('/');
    }
    return saved;
  });
}
