'use server';

import type { Result } from '@/lib/errors';
import type { Job } from '@/lib/jobs/types';
import { guardAction } from '@/lib/server/guard';
import { retryJob as retryStoredJob } from '@/lib/server/jobs/retry';

/** Submits a failed or uncertain task again with the same inputs, as a new task (one per original, however often clicked). */
export async function retryJob(jobId: string): Promise<Result<Job>> {
  return guardAction('retryJob', () => retryStoredJob(jobId));
}
