'use client';

import { useEffect, useRef, useState } from 'react';
import { STATUS_LABELS, type Job } from '@/lib/jobs/types';

/**
 * What changed since the last poll, as one polite sentence for screen readers: a task's status, its progress in
 * quarter steps (every percent would be noise), and how many results arrived.
 */
export function useGalleryAnnouncements(jobs: Job[]): string {
  const previous = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const next = new Map(jobs.map((job) => [job.id, `${job.status}:${Math.floor(job.progress / 25)}`]));
    const before = previous.current;
    previous.current = next;
    if (!before) return;
    const changes = jobs.filter((job) => before.has(job.id) ? before.get(job.id) !== next.get(job.id) : job.status !== 'completed');
    if (changes.length === 0) return;
    setMessage(
      changes
        .slice(0, 3)
        .map((job) => {
          const what = job.prompt.length > 40 ? `${job.prompt.slice(0, 40)}…` : job.prompt;
          if (job.status === 'completed') return `“${what}” completed with ${job.results.length} result${job.results.length === 1 ? '' : 's'}.`;
          if (job.status === 'in_progress') return `“${what}” in progress, ${job.progress} %.`;
          return `“${what}”: ${STATUS_LABELS[job.status]}.`;
        })
        .join(' '),
    );
  }, [jobs]);

  return message;
}
