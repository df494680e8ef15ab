'use server';

import type { Result } from '@/lib/errors';
import type { ExpandSubmission } from '@/lib/expand/types';
import { submitExpanded } from '@/lib/server/expand/submit';
import { guardAction } from '@/lib/server/guard';
import { readSubmitForm } from '@/lib/server/submit-form';

/**
 * Submits the base expanded to one ratio (Expand canvas) or several (Make variants for ratios…): `payload` is JSON
 * (prompt, options, reference ids, idempotency key, targets), `mask` an optional PNG painted on the original.
 */
export async function submitExpandedGeneration(formData: FormData): Promise<Result<ExpandSubmission>> {
  return guardAction('submitExpandedGeneration', 'generate', async () => {
    const form = readSubmitForm(formData);
    return form.ok ? submitExpanded(form.data.input, form.data.mask) : form;
  });
}
