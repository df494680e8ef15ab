'use server';

import { z } from 'zod';
import { fail, type Result } from '@/lib/errors';
import type { Job } from '@/lib/jobs/types';
import { guardAction } from '@/lib/server/guard';
import { cancelJob as cancelFollowedJob } from '@/lib/server/jobs/cancel';
import { retryJob as retryStoredJob } from '@/lib/server/jobs/retry';

/** Submits a failed or uncertain task again with the same inputs, as a new task (one per original, however often clicked). */
export async function retryJob(jobId: string): Promise<Result<Job>> {
  return guardAction('retryJob', 'generate', () => retryStoredJob(jobId));
}

/** Stops following an unfinished task (upstream has no cancel call: it may still finish and bill it). */
export async function cancelJob(jobId: unknown): Promise<Result<Job>> {
  const parsed = z.string().min(1).max(100).safeParse(jobId);
  if (!parsed.success) return fail('form:invalid', 'No task was named to cancel.', { field: 'jobId' });
  return guardAction('cancelJob', 'generate', () => cancelFollowedJob(parsed.data));
}
