import { OFFLINE_WORK_TEXT, offlineWork } from '@/lib/jobs/offline-work';
import type { Job } from '@/lib/jobs/types';

/**
 * On a task the offline engine ran, what it did with what was sent ("filled the painted area…"): without it a
 * prompt it cannot follow ("Remove the cup") looks ignored for no reason. Nothing for ToAPIs tasks.
 */
export function EngineNote({ job }: { job: Pick<Job, 'engine' | 'hasMask' | 'references'> }) {
  if (job.engine !== 'offline') return null;
  const work = offlineWork({ references: job.references.length, mask: job.hasMask });
  return (
    <p className="mt-2 flex items-start gap-1.5 text-xs text-amber-100/90">
      <span className="mt-1 size-1.5 shrink-0 rounded-full bg-amber-400" aria-hidden="true" />
      <span>
        <span className="font-medium">Offline engine:</span> {OFFLINE_WORK_TEXT[work]}.
      </span>
    </p>
  );
}
