'use client';

import { useEffect, useMemo, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isGalleryPages, patchGalleryPages, runningTasks } from '@/lib/jobs/live-tasks';
import { GALLERY_KEY, liveTasksQuery } from '@/lib/jobs/queries';
import type { Job } from '@/lib/jobs/types';

/**
 * Keeps the loaded gallery's running tasks live without refetching its pages: asks for those tasks alone and puts
 * each one that changed into every cached gallery list (any filter), so only its card renders again. A running task
 * missing from the answer was deleted elsewhere: the gallery is fetched again, once for that task.
 */
export function useLiveTasks(jobs: readonly Job[]): void {
  const queryClient = useQueryClient();
  const running = useMemo(() => runningTasks(jobs), [jobs]);
  // Only the answer for the ids asked now: a new set of ids is a new key, whose data starts undefined.
  const { data: fresh } = useQuery(liveTasksQuery(running));
  const applied = useRef<Job[] | undefined>(undefined);
  const missingSeen = useRef(new Set<string>());

  useEffect(() => {
    // Each answer is applied once: `running` also changes when a page is refetched, which may be newer than it.
    if (!fresh || fresh === applied.current) return;
    applied.current = fresh;
    for (const [key, data] of queryClient.getQueriesData({ queryKey: GALLERY_KEY })) {
      if (!isGalleryPages(data)) continue;
      const patched = patchGalleryPages(data, fresh);
      if (patched !== data) queryClient.setQueryData(key, patched);
    }
    const answered = new Set(fresh.map((job) => job.id));
    const missing = running.filter((job) => !answered.has(job.id) && !missingSeen.current.has(job.id));
    if (missing.length === 0) return;
    for (const job of missing) missingSeen.current.add(job.id);
    void queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
  }, [fresh, running, queryClient]);
}
