'use client';

import type { DragEvent, KeyboardEvent } from 'react';
import type { AssetView } from '@/lib/jobs/types';
import { formatBytes } from '@/lib/references/rules';

interface ReferenceItemProps {
  reference: AssetView;
  index: number;
  count: number;
  onMove(from: number, to: number): void;
  onMakeBase(id: string): void;
  onRemove(id: string): void;
  onDragStart(index: number): void;
  onDropAt(index: number): void;
}

const smallButton = 'rounded-md px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100';

/**
 * One reference: thumbnail, name, pixel and file size. Reordered by drag, or from the keyboard on its handle
 * (ArrowUp / ArrowDown, Home makes it the base); the first is the base.
 */
export function ReferenceItem({
  reference,
  index,
  count,
  onMove,
  onMakeBase,
  onRemove,
  onDragStart,
  onDropAt,
}: ReferenceItemProps) {
  const isBase = index === 0;

  function onHandleKey(event: KeyboardEvent<HTMLButtonElement>) {
    const to = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: count - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onMove(index, to);
  }

  return (
    <li
      draggable
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('application/x-overpaint-reference', reference.id);
        onDragStart(index);
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('application/x-overpaint-reference')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes('application/x-overpaint-reference')) return;
        event.preventDefault();
        event.stopPropagation();
        onDropAt(index);
      }}
      className={`flex items-center gap-2 rounded-lg border bg-zinc-900 p-2 ${isBase ? 'border-violet-500/60' : 'border-zinc-800'}`}
    >
      <button
        type="button"
        data-reference-handle={reference.id}
        aria-label={`Reorder ${reference.filename}, position ${index + 1} of ${count}`}
        aria-keyshortcuts="ArrowUp ArrowDown Home End"
        title="Drag, or use the arrow keys, to reorder"
        onKeyDown={onHandleKey}
        className="flex h-12 w-5 shrink-0 cursor-grab items-center justify-center rounded text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200"
      >
        <svg viewBox="0 0 8 16" className="h-4 w-2 fill-current" aria-hidden="true">
          {[2, 7, 12].flatMap((y) => [
            <circle key={`a${y}`} cx="2" cy={y} r="1.3" />,
            <circle key={`b${y}`} cx="6" cy={y} r="1.3" />,
          ])}
        </svg>
      </button>
      {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route, already small */}
      <img
        src={reference.thumbUrl}
        alt={reference.filename}
        className="size-12 shrink-0 rounded-md bg-zinc-950 object-cover"
      />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm text-zinc-100" title={reference.filename}>
          {reference.filename}
        </p>
        <p className="text-xs tabular-nums text-zinc-400">
          {isBase && (
            <span className="mr-1.5 rounded bg-violet-500/20 px-1.5 py-0.5 font-medium text-violet-200">Base</span>
          )}
          {/* Each figure stays on one line: a narrow column once broke "455.8 KB" after the number. */}
          <span className="whitespace-nowrap">
            {reference.width} × {reference.height}
          </span>{' '}
          · <span className="whitespace-nowrap">{formatBytes(reference.bytes)}</span>
        </p>
      </div>
      <div className="flex shrink-0 flex-col items-end">
        {!isBase && (
          <button type="button" onClick={() => onMakeBase(reference.id)} className={smallButton}>
            Make base<span className="sr-only"> {reference.filename}</span>
          </button>
        )}
        <button type="button" onClick={() => onRemove(reference.id)} className={smallButton}>
          Remove<span className="sr-only"> {reference.filename}</span>
        </button>
      </div>
    </li>
  );
}
