import { queryOptions } from '@tanstack/react-query';
import type { ClientMarks, ReviewDetail } from './types';

/** How often the studio asks for clients' new decisions and comments while a tab is visible. */
export const REVIEW_POLL_MS = 3000;

/** Clients' marks on every result, by `resultKey`: polled for the gallery's cards. */
export function clientMarksQuery() {
  return queryOptions({
    queryKey: ['review-marks'] as const,
    queryFn: async ({ signal }): Promise<Record<string, ClientMarks>> => {
      const response = await fetch('/api/reviews/marks', { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`Client reviews could not be loaded (HTTP ${response.status}).`);
      return ((await response.json()) as { marks: Record<string, ClientMarks> }).marks;
    },
    refetchInterval: REVIEW_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/** One review with everything said in it, polled while its page is open. */
export function reviewQuery(id: string) {
  return queryOptions({
    queryKey: ['review', id] as const,
    queryFn: async ({ signal }): Promise<ReviewDetail> => {
      const response = await fetch(`/api/reviews/${encodeURIComponent(id)}`, { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`The review could not be loaded (HTTP ${response.status}).`);
      return (await response.json()) as ReviewDetail;
    },
    refetchInterval: REVIEW_POLL_MS,
    refetchIntervalInBackground: false,
  });
}
