import 'server-only';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { isFinal, type Job } from '@/lib/jobs/types';
import { getJobView } from './repository';
import { updateJobInPhase } from './task-records';

export const CANCELLED_MESSAGE =
  'Cancelled: this task is no longer followed. The image service has no cancel call, so it may still finish the task and bill it. Use Retry to submit it again.';

const jobIdSchema = z.string().min(1).max(100);

/**
 * Stops following an unfinished task. The row moves to `done` in one phase-guarded update, so whichever instance
 * holds the job's lease finds it done on its next read (`stillDue`), and every write a step in flight makes is
 * guarded by phase and cannot bring it back.
 */
export async function cancelJob(input: unknown): Promise<Result<Job>> {
  const parsed = jobIdSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'No task was named to cancel.', { field: 'jobId' });
  const view = await getJobView(parsed.data);
  if (!view) return fail('job:not_found', 'This task no longer exists; reload the page.');
  if (isFinal(view.status))
    return fail('job:not_cancellable', 'This task has already finished; there is nothing to cancel.');
  const cancelled = await updateJobInPhase(view.id, 'not_done', {
    phase: 'done',
    status: 'failed',
    errorCode: 'cancelled',
    errorMessage: CANCELLED_MESSAGE,
  });
  if (!cancelled) return fail('job:not_cancellable', 'This task finished just now; there is nothing to cancel.');
  const after = await getJobView(view.id);
  return after ? ok(after) : fail('server:error', 'The task was cancelled but could not be read back.');
}
