import type { Job } from '@/lib/jobs/types';

/** What one Expand or ratio-set submit made. */
export interface ExpandSubmission {
  /** The set's id when more than one ratio was asked for, else null. */
  setId: string | null;
  jobs: Job[];
}
