'use client';

/**
 * Share for one result (`position`) or a whole task (no position). Placeholder until sharing (issue 7) lands:
 * the gallery already renders it where it belongs.
 */
export function ShareButton(_props: { jobId: string; position?: number }) {
  return null;
}
