'use server';

import { fail, ok, type Result } from '@/lib/errors';
import { guardAction } from '@/lib/server/guard';
import { listPresets, presetInputSchema, savePreset, type PresetView } from '@/lib/server/presets/presets';

/** Presets are shared by everyone using this studio: a named set of options and a prompt prefix. */

export async function getPresets(): Promise<Result<PresetView[]>> {
  return guardAction('getPresets', 'view', async () => ok(await listPresets()));
}

export async function putPreset(input: unknown): Promise<Result<PresetView>> {
  const parsed = presetInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.path[0] === 'name' ? issue.message : 'The preset could not be read.', {
      field: issue?.path[0] === 'name' ? 'presetName' : undefined,
    });
  }
  return guardAction('putPreset', 'curate', () => savePreset(parsed.data));
}
