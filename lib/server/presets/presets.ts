import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { generationOptionsSchema, type GenerationOptions } from '@/lib/jobs/options';
import { currentActor } from '../auth/actor';
import { getDb } from '../storage/db';
import { presets, type PresetRow } from '../storage/schema';

export interface PresetView {
  id: string;
  name: string;
  options: GenerationOptions;
  promptPrefix: string;
}

export const presetInputSchema = z.object({
  name: z.string().trim().min(1, 'Preset name: give the preset a name.').max(80, 'Preset name: at most 80 characters.'),
  options: generationOptionsSchema,
  promptPrefix: z.string().max(2000),
});

function view(row: PresetRow): PresetView {
  return { id: row.id, name: row.name, options: row.options, promptPrefix: row.promptPrefix };
}

export async function listPresets(): Promise<PresetView[]> {
  const db = await getDb();
  const rows = await db.select().from(presets).orderBy(asc(presets.name));
  return rows.map(view);
}

/** Saves a preset; a preset of the same name is replaced (a team edits its presets by saving over them). */
export async function savePreset(input: z.infer<typeof presetInputSchema>): Promise<Result<PresetView>> {
  const db = await getDb();
  const [row] = await db
    .insert(presets)
    .values({ id: randomUUID(), ...input, createdBy: (await currentActor()).id })
    .onConflictDoUpdate({ target: presets.name, set: { options: input.options, promptPrefix: input.promptPrefix } })
    .returning();
  if (!row) return fail('server:error', 'The preset could not be saved.');
  return ok(view(row));
}

export async function deletePreset(id: string): Promise<Result<{ id: string }>> {
  const db = await getDb();
  await db.delete(presets).where(eq(presets.id, id));
  return ok({ id });
}
