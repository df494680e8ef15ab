import { queryOptions } from '@tanstack/react-query';
import { galleryRefetchInterval } from './polling';
import type { Job } from './types';

/** The gallery as the server has it; polled while anything runs, quiet once all is final. */
export function galleryQuery() {
  return queryOptions({
    queryKey: ['gallery'] as const,
    queryFn: async ({ signal }): Promise<Job[]> => {
      const response = await fetch('/api/jobs', { signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`The gallery could not be loaded (HTTP ${response.status}).`);
      return ((await response.json()) as { jobs: Job[] }).jobs;
    },
    refetchInterval: (query) => galleryRefetchInterval(query.state.data),
  });
}
