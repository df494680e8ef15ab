'use client';

import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { GALLERY_KEY, galleryStampQuery } from '@/lib/jobs/queries';

/**
 * Keeps the Gallery live for every viewer: when the server's change stamp moves (a task submitted in another tab
 * or on another instance, a status change, a deletion), the gallery's pages are fetched again. A running task's
 * progress does not move it; `useLiveTasks` follows that. Only our database is asked; the runner alone talks to the
 * upstream.
 */
export function useGalleryStamp(): void {
  const queryClient = useQueryClient();
  const { data: stamp } = useQuery(galleryStampQuery());
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (stamp === undefined) return;
    // The first stamp describes the pages just loaded (the studio page sends it with the first page, read before
    // it); only a change afterwards means something new.
    if (seen.current !== undefined && seen.current !== stamp)
      void queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
    seen.current = stamp;
  }, [stamp, queryClient]);
}
