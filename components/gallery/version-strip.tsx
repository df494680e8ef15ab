'use client';

import { useQuery } from '@tanstack/react-query';
import { stepLabel, type LineageStep } from '@/lib/jobs/lineage';
import { lineageQuery } from '@/lib/jobs/queries';

export function stepKey(step: LineageStep): string {
  return step.kind === 'base' ? step.asset.id : `${step.jobId}/${step.position}`;
}

interface VersionStripProps {
  /** The result whose chain is shown. */
  owner: { jobId: string; position: number };
  /** The key of the image shown now (marked current). */
  currentKey: string;
  onOpen(step: LineageStep, label: string): void;
}

/** The chain a result came from, base → v1 → v2 …, each step a button that opens it in the lightbox. */
export function VersionStrip({ owner, currentKey, onOpen }: VersionStripProps) {
  const query = useQuery(lineageQuery(owner.jobId, owner.position));
  const steps = query.data ?? [];
  return (
    <nav aria-label="Versions" className="flex min-h-14 items-center gap-2 overflow-x-auto text-xs text-zinc-400">
      <span className="shrink-0 font-medium text-zinc-300">Versions</span>
      {query.isPending && <span>Loading…</span>}
      {query.isError && <span>The versions could not be loaded.</span>}
      <ol className="flex items-center gap-1">
        {steps.map((step, index) => {
          const label = stepLabel(steps, index);
          const current = stepKey(step) === currentKey;
          const name = step.kind === 'base' ? `Base: ${step.asset.filename}` : `${label}: ${step.prompt}`;
          return (
            <li key={stepKey(step)} className="flex items-center gap-1">
              {index > 0 && (
                <span aria-hidden="true" className="text-zinc-500">
                  →
                </span>
              )}
              <button
                type="button"
                aria-label={name}
                aria-current={current ? 'step' : undefined}
                title={name}
                onClick={() => onOpen(step, label)}
                className="flex items-center gap-1.5 rounded-md border border-zinc-800 p-1 pr-2 text-zinc-200 hover:border-zinc-600 hover:bg-zinc-800 aria-[current=step]:border-violet-400 aria-[current=step]:bg-violet-950/60"
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route */}
                <img src={step.asset.thumbUrl} alt="" className="size-8 rounded object-cover" />
                <span className="font-medium">{label}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
