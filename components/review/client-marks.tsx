'use client';

import { useQuery } from '@tanstack/react-query';
import { clientMarksQuery } from '@/lib/reviews/queries';
import { resultKey } from '@/lib/reviews/types';

/**
 * What clients decided on a result through review links: "Approved by <name>", "Picked by <name>", changes asked.
 * One polled query for every card (TanStack Query shares it), so decisions appear without a reload. Labelled as the
 * client's, apart from the team's own Approve.
 */
export function ClientMarks({ jobId, position }: { jobId: string; position: number }) {
  const marks = useQuery(clientMarksQuery()).data?.[resultKey(jobId, position)];
  if (!marks) return null;
  const lines = [
    { text: 'Approved by', names: marks.approvedBy, tone: 'bg-emerald-500/15 text-emerald-200' },
    { text: 'Picked by', names: marks.pickedBy, tone: 'bg-amber-400/15 text-amber-200' },
    { text: 'Changes requested by', names: marks.changesBy, tone: 'bg-red-500/15 text-red-200' },
  ].filter((line) => line.names.length > 0);
  if (lines.length === 0) return null;
  return (
    <ul aria-label="Client review" className="flex flex-wrap gap-1 text-xs">
      {lines.map((line) => (
        <li key={line.text} className={`rounded-full px-2 py-0.5 font-medium ${line.tone}`}>
          {line.text} {line.names.join(', ')} <span className="opacity-75">(client)</span>
        </li>
      ))}
    </ul>
  );
}
