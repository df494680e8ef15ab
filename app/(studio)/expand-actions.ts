'use server';

import { fail, type Result } from '@/lib/errors';
import type { ExpandSubmission } from '@/lib/expand/types';
import { submitExpanded } from '@/lib/server/expand/submit';
import { guardAction } from '@/lib/server/guard';

/**
 * Submits the base expanded to one ratio (Expand canvas) or several (Make variants for ratios…): `payload` is JSON
 * (prompt, options, reference ids, idempotency key, targets), `mask` an optional PNG painted on the original.
 */
export async function submitExpandedGeneration(formData: FormData): Promise<Result<ExpandSubmission>> {
  const payload = formData.get('payload');
  const mask = formData.get('mask');
  let input: unknown;
  try {
    input = JSON.parse(typeof payload === 'string' ? payload : '');
  } catch {
    return fail('form:invalid', 'The form could not be read; reload the page and try again.');
  }
  return guardAction('submitExpandedGeneration', () => submitExpanded(input, mask instanceof Blob ? mask : null));
}
