'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { stepLabel } from '@/lib/jobs/lineage';
import { lineageQuery } from '@/lib/jobs/queries';
import { compareChoices, ComparePicker } from './compare-picker';
import { describeShare } from './difference-view';
import { Icon } from './icons';
import { LightboxBar } from './lightbox-bar';
import { LightboxNav } from './lightbox-nav';
import { stepItem, type LightboxItem } from './lightbox-item';
import { LightboxStage, type Mode } from './lightbox-stage';
import { Tooltip } from './tooltip';
import type { Zoom } from './use-stage-scale';
import { stepKey, VersionStrip } from './version-strip';
import { ZoomControls } from './zoom-controls';
import { RestoreStatus } from './restore-status';
import { ResultCurationBar } from './result-curation';

const iconButton =
  'inline-flex size-8 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 disabled:opacity-40';

interface ResultLightboxProps {
  items: LightboxItem[];
  start: number;
  initialMode?: Mode;
  onClose(): void;
}

/**
 * The lightbox: one image large (a result, or a version from its chain), compared with any other image (slider on
 * the image, hold) or shown as their difference, zoomed to fit or to the pixel. ← → move between the gallery's
 * results. A modal dialog.
 */
export function ResultLightbox({ items, start, initialMode = 'result', onClose }: ResultLightboxProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Followed by key, not position: a task arriving while the lightbox is open shifts the gallery's list.
  const [currentKey, setCurrentKey] = useState(items[start]?.key ?? '');
  const found = items.findIndex((candidate) => candidate.key === currentKey);
  const index = found >= 0 ? found : Math.min(start, items.length - 1);
  /** A version opened from the strip that the gallery has not loaded; null while showing `items[index]`. */
  const [version, setVersion] = useState<LightboxItem | null>(null);
  const [mode, setMode] = useState<Mode>(initialMode);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [otherId, setOtherId] = useState<string | null>(null);
  const [split, setSplit] = useState(50);
  const [holding, setHolding] = useState(false);
  const [share, setShare] = useState<number | null>(null);
  /** What a Star or Approve from inside the dialog said (the gallery's own announcer is behind the modal). */
  const [notice, setNotice] = useState('');
  const item = items[index];
  const shown = version ?? item;
  // The strip keeps the chain of the result opened (or reached with ← →) while its versions are visited.
  const [owner, setOwner] = useState(items[start]?.result ?? null);
  const lineage = useQuery({ ...lineageQuery(owner?.jobId ?? '', owner?.position ?? 0), enabled: owner !== null });
  const steps = lineage.data ?? [];
  const versions = steps.map((step, i) => ({
    asset: step.asset,
    label: step.kind === 'base' ? `Base: ${step.asset.filename}` : `Version ${stepLabel(steps, i)}`,
  }));
  const choices = shown ? compareChoices(shown, items, versions) : [];
  const other = choices.find((choice) => choice.asset.id === otherId) ?? choices[0] ?? null;
  const onShare = useCallback((value: number | null) => setShare(value), []);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  if (!shown) return null;

  function go(step: 1 | -1) {
    const next = index + step;
    if (next < 0 || next >= items.length) return;
    setCurrentKey(items[next]?.key ?? '');
    setVersion(null);
    setOtherId(null);
    setOwner(items[next]?.result ?? null);
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.closest('select, input, [role="slider"]')) return;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => go(-1),
      ArrowRight: () => go(1),
      '0': () => setZoom('fit'),
      '1': () => setZoom(1),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const modeButton = (value: Mode, text: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      disabled={value !== 'result' && !other}
      onClick={() => setMode(value)}
      className="rounded-md px-2.5 py-1 text-sm font-medium text-zinc-300 hover:bg-zinc-800 disabled:opacity-50 aria-pressed:bg-violet-700 aria-pressed:text-white"
    >
      {text}
    </button>
  );

  return (
    <dialog
      ref={dialog}
      aria-label={shown.label}
      onClose={onClose}
      onKeyDown={onKeyDown}
      className="m-auto h-[94dvh] w-[96vw] max-w-7xl rounded-2xl border border-zinc-800 bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col gap-3 p-4">
        <header className="flex flex-wrap items-center gap-2">
          <LightboxNav
            canGoBack={version !== null || index > 0}
            canGoOn={version !== null || index < items.length - 1}
            go={go}
          />
          <h2 className="mr-auto min-w-0 flex-1 truncate text-sm font-semibold">
            {shown.label}
            {shown.prompt && <span className="font-normal text-zinc-400"> · {shown.prompt}</span>}
          </h2>
          {shown.result && shown.view?.curation && (
            <ResultCurationBar
              key={`curate-${shown.key}`}
              jobId={shown.result.jobId}
              position={shown.result.position}
              label={shown.short}
              curation={shown.view.curation}
              announce={setNotice}
            />
          )}
          <div role="group" aria-label="View" className="flex rounded-lg border border-zinc-800 p-0.5">
            {modeButton('result', 'Result')}
            {modeButton('compare', 'Compare')}
            {modeButton('difference', 'Difference')}
          </div>
          <ComparePicker choices={choices} value={other?.asset.id ?? null} onChange={setOtherId} />
          <Tooltip text="Close" shortcut="Esc" align="end">
            <button type="button" onClick={() => dialog.current?.close()} className={iconButton}>
              <Icon name="close" />
              <span className="sr-only">Close</span>
            </button>
          </Tooltip>
        </header>
        <LightboxStage
          shown={shown}
          mode={mode}
          zoom={zoom}
          other={other}
          split={split}
          onSplit={setSplit}
          holding={holding}
          share={share}
          onShare={onShare}
        >
          {({ screen }) => (
            <LightboxBar mode={mode} other={other} share={describeShare(share)} onHold={setHolding} holding={holding}>
              <ZoomControls zoom={zoom} screen={screen} onZoom={setZoom} />
            </LightboxBar>
          )}
        </LightboxStage>
        {owner && (
          <VersionStrip
            owner={owner}
            currentKey={shown.key}
            onOpen={(step, label) => {
              const key = stepKey(step);
              setOtherId(null);
              if (items.some((candidate) => candidate.key === key)) {
                setCurrentKey(key);
                setVersion(null);
              } else setVersion(stepItem(step, label));
            }}
          />
        )}
        {shown.view && <RestoreStatus key={shown.key} result={shown.view} label={shown.label} />}
        <p role="status" className="sr-only">
          {notice}
        </p>
      </div>
    </dialog>
  );
}
