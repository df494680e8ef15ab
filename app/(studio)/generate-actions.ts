'use server';

import { fail, type Result } from '@/lib/errors';
import type { AssetView, Job } from '@/lib/jobs/types';
import { storeReference } from '@/lib/server/assets';
import { guardAction } from '@/lib/server/guard';
import { submitJob } from '@/lib/server/jobs/submit';
import { readSubmitForm } from '@/lib/server/submit-form';

/*
 * Server actions are public endpoints: each parses its input and calls lib/server through `guardAction`, which
 * checks access and turns unexpected failures into a typed result. Nothing is thrown into the page.
 */

/** Adds one reference image (one file per call, so the body limit is one reference, not sixteen). */
export async function addReference(formData: FormData): Promise<Result<AssetView>> {
  const file = formData.get('file');
  if (!(file instanceof File)) return fail('form:invalid', 'No file was sent.', { field: 'file' });
  return guardAction('addReference', 'generate', () => storeReference(file));
}

/** Submits a task: `payload` is JSON (prompt, options, reference ids, idempotency key), `mask` an optional PNG. */
export async function submitGeneration(formData: FormData): Promise<Result<Job>> {
  return guardAction('submitGeneration', 'generate', async () => {
    const form = readSubmitForm(formData);
    return form.ok ? submitJob(form.data.input, form.data.mask) : form;
  });
}
