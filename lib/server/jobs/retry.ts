import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { isRetryable, type Job } from '@/lib/jobs/types';
import { currentActor } from '../auth/actor';
import { serverEnv } from '../env';
import { copyExpansion } from '../expand/repository';
import { estimateTask } from '@/lib/cost/estimate';
import { insertJobReserving, workKindOf } from '../cost/ledger';
import { currentPricing } from '../cost/settings';
import { getDb } from '../storage/db';
import { findJobRow, getJobView } from './repository';
import { wakeJobRunner } from './runner';

const jobIdSchema = z.string().min(1).max(100);

/**
 * Submits a failed or uncertain task again with the same inputs (references in order, mask, prompt, options) as a
 * new task. Its idempotency key is derived from the original, so a double click, or Retry pressed on two tabs,
 * makes one new task, not two.
 */
export async function retryJob(input: unknown): Promise<Result<Job>> {
  const parsed = jobIdSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'No task was named to retry.', { field: 'jobId' });
  const original = await findJobRow(parsed.data);
  if (!original) return fail('job:not_found', 'This task no longer exists; reload the page.');
  const view = await getJobView(original.id);
  if (!view || !isRetryable(view.status)) {
    return fail('job:not_retryable', 'Only a failed or uncertain task can be retried.');
  }
  // The retry is the retrier's task, and costs what the same task costs now.
  const actor = await currentActor();
  const pricing = await currentPricing();
  const estimate = estimateTask(pricing, { options: original.options, inputImages: original.referenceIds.length });
  const recorded = await insertJobReserving(
    await getDb(),
    {
      id: randomUUID(),
      idempotencyKey: `retry:${original.id}`,
      engine: serverEnv().engine,
      prompt: original.prompt,
      options: original.options,
      referenceIds: original.referenceIds,
      maskId: original.maskId,
      startPoint: original.startPoint,
      createdBy: actor.id,
    },
    {
      personId: actor.id,
      kind: (await workKindOf(original.id)) ?? 'single',
      estimateMicros: estimate.micros,
      images: estimate.images,
      currency: pricing.currency,
    },
  );
  if (!recorded.ok) return recorded;
  const { row, created } = recorded.data;
  if (created) {
    await copyExpansion(original.id, row.id);
    wakeJobRunner();
  }
  const retried = await getJobView(row.id);
  return retried ? ok(retried) : fail('server:error', 'The task was saved but could not be read back.');
}
