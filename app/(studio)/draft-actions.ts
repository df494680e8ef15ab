'use server';

import { fail, ok, type Result } from '@/lib/errors';
import type { AssetView } from '@/lib/jobs/types';
import {
  browserIdSchema,
  draftInputSchema,
  loadDraft,
  saveDraft,
  saveDraftMask,
  type Draft,
} from '@/lib/server/drafts/drafts';
import { guardAction } from '@/lib/server/guard';
import { draftKeyFor } from '@/lib/server/people/draft-owner';

/*
 * The studio's draft, kept on the server per browser (a random id the browser holds in localStorage), so a reload
 * or a server restart finds the references, the mask, the prompt and the options where the user left them.
 */

export async function getDraft(browserId: string): Promise<Result<Draft | null>> {
  const id = browserIdSchema.safeParse(browserId);
  if (!id.success) return fail('form:invalid', 'The draft id is not valid.');
  return guardAction('getDraft', 'view', async (actor) => ok(await loadDraft(draftKeyFor(actor, id.data))));
}

export async function putDraft(browserId: string, input: unknown): Promise<Result<{ savedAt: string }>> {
  const id = browserIdSchema.safeParse(browserId);
  const draft = draftInputSchema.safeParse(input);
  if (!id.success || !draft.success) return fail('form:invalid', 'The draft could not be read.');
  return guardAction('putDraft', 'view', (actor) => saveDraft(draftKeyFor(actor, id.data), draft.data));
}

/** `mask` is the mask PNG (base size, alpha 0 = repaint). */
export async function putDraftMask(formData: FormData): Promise<Result<AssetView>> {
  const id = browserIdSchema.safeParse(formData.get('browserId'));
  const mask = formData.get('mask');
  if (!id.success || !(mask instanceof Blob)) return fail('mask:invalid', 'The mask could not be read.');
  return guardAction('putDraftMask', 'generate', (actor) => saveDraftMask(draftKeyFor(actor, id.data), mask));
}
