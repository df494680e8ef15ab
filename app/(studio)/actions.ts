'use server';

import { fail, type Result } from '@/lib/errors';
import type { AssetView, Job } from '@/lib/jobs/types';
import { storeReference } from '@/lib/server/assets';
import { submitJob } from '@/lib/server/jobs/submit';

/*
 * Server actions are public endpoints: each parses its input, calls lib/server, and returns a typed result.
 * Nothing is thrown into the page; unexpected failures are logged here and answered with a generic sentence.
 */

/** Adds one reference image (one file per call, so the body limit is one reference, not sixteen). */
export async function addReference(formData: FormData): Promise<Result<AssetView>> {
  const file = formData.get('file');
  if (!(file instanceof File)) return fail('form:invalid', 'No file was sent.', { field: 'file' });
  return guarded(`add reference ${file.name}`, () => storeReference(file));
}

/** Submits a task: `payload` is JSON (prompt, options, reference ids, idempotency key), `mask` an optional PNG. */
export async function submitGeneration(formData: FormData): Promise<Result<Job>> {
  const payload = formData.get('payload');
  const mask = formData.get('mask');
  let input: unknown;
  try {
    input = JSON.parse(typeof payload === 'string' ? payload : '');
  } catch {
    return fail('form:invalid', 'The form could not be read; reload the page and try again.');
  }
  return guarded('submit', () => submitJob(input, mask instanceof Blob ? mask : null));
}

async function guarded<T>(what: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    console.error(`[overpaint] ${what} failed:`, error);
    return fail('server:error', 'Something went wrong on the server; your work is kept. Please try again.');
  }
}
