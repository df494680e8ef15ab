'use client';

import { useEffect, useRef, useState } from 'react';
import { announceKey, describeChanges } from '@/lib/jobs/announce';
import type { Job } from '@/lib/jobs/types';

/** What changed since the last poll, as one polite sentence for the gallery's live region. */
export function useGalleryAnnouncements(jobs: Job[]): string {
  const previous = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(jobs.map((job) => [job.id, announceKey(job)]));
    const sentence = before ? describeChanges(before, jobs) : null;
    if (sentence) setMessage(sentence);
  }, [jobs]);

  return message;
}
