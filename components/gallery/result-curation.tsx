'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { usePagePermissions } from '@/components/auth/permissions';
import { decideOnResult, starResult } from '@/app/(studio)/curation-actions';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import type { ResultCuration } from '@/lib/jobs/types';
import { Icon } from './icons';
import { Tooltip } from './tooltip';

type Decision = 'approved' | 'rejected';

const toggle =
  'inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 disabled:opacity-50';

/**
 * A result's Star (the viewer's own) and the team's Approve / Reject, with who decided. Shown at once (optimistic),
 * then confirmed by the gallery's refetch; a refusal puts it back and says why.
 */
export function ResultCurationBar({
  jobId,
  position,
  label,
  curation,
  announce,
}: {
  jobId: string;
  position: number;
  label: string;
  curation: ResultCuration;
  announce(message: string): void;
}) {
  const queryClient = useQueryClient();
  // Viewers star; Approve and Reject are the team's decision (members and up), so they only see its outcome.
  const { mayCurate } = usePagePermissions();
  const [pending, setPending] = useState<{ starred?: boolean; decision?: Decision | null } | null>(null);
  const starred = pending?.starred ?? curation.starred;
  const decision = pending && 'decision' in pending ? pending.decision : (curation.approval?.decision ?? null);

  async function run(optimistic: typeof pending, call: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setPending(optimistic);
    const outcome = await call().catch(() => null);
    if (!outcome?.ok) announce(outcome?.error?.message ?? 'That did not reach the server; try again.');
    await queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
    setPending(null);
  }

  const decide = (next: Decision) => {
    const value = decision === next ? null : next;
    return run({ decision: value }, () => decideOnResult({ jobId, position, decision: value }));
  };
  const others = curation.stars - (curation.starred ? 1 : 0);
  const count = others + (starred ? 1 : 0);

  return (
    <div role="group" aria-label={`Curate ${label}`} className="flex flex-wrap items-center gap-1 text-xs">
      <Tooltip text={starred ? 'Starred by you' : 'Star'}>
        <button
          type="button"
          aria-pressed={starred}
          disabled={pending !== null}
          onClick={() => void run({ starred: !starred }, () => starResult({ jobId, position, starred: !starred }))}
          className={toggle}
        >
          <Icon name="star" className={`size-4 ${starred ? 'fill-amber-400 text-amber-400' : ''}`} />
          <span className="sr-only">Star</span>
        </button>
      </Tooltip>
      {count > 0 && (
        <span className="tabular-nums text-zinc-400">
          {count}
          <span className="sr-only"> {count === 1 ? 'star' : 'stars'}</span>
        </span>
      )}
      {mayCurate && (
        <>
          <button
            type="button"
            aria-pressed={decision === 'approved'}
            disabled={pending !== null}
            onClick={() => void decide('approved')}
            className={`${toggle} aria-pressed:bg-emerald-500/15 aria-pressed:text-emerald-200`}
          >
            <Icon name="check" className="size-3.5" />
            Approve
          </button>
          <button
            type="button"
            aria-pressed={decision === 'rejected'}
            disabled={pending !== null}
            onClick={() => void decide('rejected')}
            className={`${toggle} aria-pressed:bg-red-500/15 aria-pressed:text-red-200`}
          >
            <Icon name="close" className="size-3.5" />
            Reject
          </button>
        </>
      )}
      {curation.approval && !pending && (
        <span
          className={`ml-auto rounded-full px-2 py-0.5 font-medium ${curation.approval.decision === 'approved' ? 'bg-emerald-500/15 text-emerald-200' : 'bg-red-500/15 text-red-200'}`}
        >
          {curation.approval.decision === 'approved' ? 'Approved' : 'Rejected'}
          {curation.approval.byName ? ` by ${curation.approval.byName}` : ''}
        </span>
      )}
    </div>
  );
}
