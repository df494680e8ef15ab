'use client';

import { useEffect, useRef, useState } from 'react';
import type { Job } from '@/lib/jobs/types';
import { CompareView } from './compare-view';
import { DifferenceView } from './difference-view';
import { Icon } from './icons';
import { RestoreStatus } from './restore-status';

type Mode = 'result' | 'compare' | 'difference';
const ZOOMS = [1, 1.5, 2, 3, 4];

/** The lightbox: one result large, compared with the base (slider, hold), its difference, zoom. A modal dialog. */
export function ResultLightbox({ job, position, onClose }: { job: Job; position: number; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<Mode>('result');
  const [zoomIndex, setZoomIndex] = useState(0);
  const index = job.results.findIndex((result) => result.position === position);
  const result = job.results[index];
  const base = job.references[0] ?? null;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  if (!result) return null;
  const label = `Result ${index + 1} of ${job.results.length}`;
  const zoom = ZOOMS[zoomIndex] ?? 1;
  const modeButton = (value: Mode, text: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      disabled={value !== 'result' && !base}
      onClick={() => setMode(value)}
      className="rounded-md px-2.5 py-1 text-sm font-medium text-zinc-300 hover:bg-zinc-800 disabled:opacity-50 aria-pressed:bg-violet-700 aria-pressed:text-white"
    >
      {text}
    </button>
  );

  return (
    <dialog
      ref={dialog}
      aria-label={label}
      onClose={onClose}
      className="m-auto h-[92dvh] w-[94vw] max-w-6xl rounded-2xl border border-zinc-800 bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col gap-3 p-4">
        <header className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto min-w-0 truncate text-sm font-semibold">
            {label} · <span className="font-normal text-zinc-400">{job.prompt}</span>
          </h2>
          <div role="group" aria-label="View" className="flex rounded-lg border border-zinc-800 p-0.5">
            {modeButton('result', 'Result')}
            {modeButton('compare', 'Compare')}
            {modeButton('difference', 'Difference')}
          </div>
          <div role="group" aria-label="Zoom" className="flex items-center gap-1">
            <button type="button" className="rounded-md p-1.5 hover:bg-zinc-800 disabled:opacity-50" disabled={zoomIndex === 0} onClick={() => setZoomIndex((z) => Math.max(0, z - 1))}>
              <Icon name="zoomOut" />
              <span className="sr-only">Zoom out</span>
            </button>
            <span className="w-11 text-center text-xs tabular-nums text-zinc-300">{Math.round(zoom * 100)} %</span>
            <button type="button" className="rounded-md p-1.5 hover:bg-zinc-800 disabled:opacity-50" disabled={zoomIndex === ZOOMS.length - 1} onClick={() => setZoomIndex((z) => Math.min(ZOOMS.length - 1, z + 1))}>
              <Icon name="zoomIn" />
              <span className="sr-only">Zoom in</span>
            </button>
          </div>
          <button type="button" onClick={() => dialog.current?.close()} className="rounded-md p-1.5 hover:bg-zinc-800">
            <Icon name="close" />
            <span className="sr-only">Close</span>
          </button>
        </header>
        <div className="min-h-0 flex-1">
          {mode === 'compare' && base ? (
            <CompareView base={base} result={result.asset} label={label} zoom={zoom} />
          ) : mode === 'difference' && base ? (
            <DifferenceView baseUrl={base.url} resultUrl={result.asset.url} width={result.asset.width} height={result.asset.height} label={`result ${index + 1}`} />
          ) : (
            <div className="h-full overflow-auto">
              {/* eslint-disable-next-line @next/next/no-img-element -- the original, from our own route */}
              <img
                src={result.asset.url}
                alt={`${label}: ${job.prompt}`}
                className={zoom === 1 ? 'mx-auto max-h-full max-w-full object-contain' : 'max-w-none'}
                style={zoom === 1 ? undefined : { width: `${zoom * 100}%` }}
              />
            </div>
          )}
        </div>
        <RestoreStatus result={result} label={label} />
        {!base && <p className="text-xs text-zinc-400">This task had no reference image, so there is nothing to compare with.</p>}
      </div>
    </dialog>
  );
}
