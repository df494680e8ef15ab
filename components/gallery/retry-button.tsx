'use client';

/**
 * Retry a failed or uncertain task with the same inputs. Placeholder until the ToAPIs hardening (issue 4) lands:
 * the job card already renders it where it belongs.
 */
export function RetryButton(_props: { jobId: string }) {
  return null;
}
