'use client';

import { memo } from 'react';
import { usePagePermissions } from '@/components/auth/permissions';
import { ClientMarks } from '@/components/review/client-marks';
import { ShareButton } from '@/components/share/share-button';
import type { Job, JobResultView } from '@/lib/jobs/types';
import { ActionMenu } from './action-menu';
import { copyImageToClipboard } from './copy-image';
import { Icon, type IconName } from './icons';
import { Tooltip } from './tooltip';
import { ResultCurationBar } from './result-curation';
import { RestoreStatus } from './restore-status';

export interface ResultActions {
  /** Opens the lightbox on a result; `compare` opens it comparing (pick the other image there). */
  open(jobId: string, position: number, mode?: 'compare'): void;
  addAsReference(result: JobResultView, asBase: boolean): void;
  remove(result: JobResultView): void;
  announce(message: string): void;
  /** Opens "Add to board" for these results (this one, or everything selected). */
  addToBoard(items: Array<{ jobId: string; position: number }>): void;
  /** Multi-select, for adding many results to a board at once. */
  isSelected(jobId: string, position: number): boolean;
  toggleSelected(jobId: string, position: number): void;
}

const iconButton =
  'inline-flex size-7 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 disabled:opacity-50';

/** How many columns a task's contact sheet has for this many results. */
export function resultColumns(count: number): 1 | 2 | 3 {
  return count === 1 ? 1 : count <= 4 ? 2 : 3;
}

export const RESULT_GRID_CLASSES = { 1: 'grid-cols-1', 2: 'grid-cols-2', 3: 'grid-cols-3' } as const;

/**
 * A tile's width for `sizes`, from the studio's layout: the gallery is a 320–400 px column from 1280 px up, the
 * page's width below. Not `sizes="auto"`: a tile mounted near the viewport picks before layout, by its width
 * attribute (the full image's), then again once laid out, and loaded both thumbnails.
 */
const TILE_SIZES = {
  1: '(min-width: 1280px) 350px, 100vw',
  2: '(min-width: 1280px) 170px, 50vw',
  3: '(min-width: 1280px) 110px, 33vw',
} as const;

/** A useful file name for a download: the prompt's first words, the task and the position. */
function downloadName(job: Job, result: JobResultView): string {
  const words = job.prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  const extension = result.asset.mime === 'image/jpeg' ? 'jpg' : 'png';
  return `${words || 'overpaint'}-${job.id.slice(0, 8)}-${result.position + 1}.${extension}`;
}

/** One result in the contact sheet: its thumbnail (opens the lightbox) and its actions. */
function ResultTileView({
  job,
  result,
  index,
  actions,
}: {
  job: Job;
  result: JobResultView;
  index: number;
  actions: ResultActions;
}) {
  const label = `result ${index + 1}`;
  const total = job.results.length;
  // A viewer's row offers what a viewer may do (open, download, copy, compare, star); the server checks anyway.
  const { generateRefusal, mayCurate, mayShare } = usePagePermissions();

  async function copy() {
    try {
      await copyImageToClipboard(result.asset.url);
      actions.announce(`Result ${index + 1} copied to the clipboard.`);
    } catch {
      actions.announce('The browser did not allow copying the image; use Download instead.');
    }
  }

  const button = (name: IconName, text: string, onClick: () => void) => (
    <Tooltip text={text}>
      <button type="button" className={iconButton} onClick={onClick}>
        <Icon name={name} />
        <span className="sr-only">
          {text} {label}
        </span>
      </button>
    </Tooltip>
  );

  return (
    <li className="flex flex-col gap-1">
      {/* The image stays outside the button (a button's children are presentational, so its alt would vanish). */}
      <div className="relative overflow-hidden rounded-lg bg-zinc-950">
        {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route; sizes vary per task */}
        <img
          loading="lazy"
          decoding="async"
          width={result.asset.width}
          height={result.asset.height}
          sizes={result.asset.thumbSrcSet ? TILE_SIZES[resultColumns(total)] : undefined}
          srcSet={result.asset.thumbSrcSet}
          src={result.asset.thumbUrl}
          alt={`Result ${index + 1} of ${total}: ${job.prompt}`}
          className="h-auto w-full object-contain"
        />
        <button
          type="button"
          onClick={() => actions.open(job.id, result.position)}
          className="absolute inset-0 rounded-lg hover:bg-white/5"
          aria-label={`Open result ${index + 1} of ${total}`}
        />
        {mayCurate && (
          <label className="absolute left-1.5 top-1.5 inline-flex size-7 items-center justify-center rounded-md bg-zinc-950/70 opacity-70 hover:opacity-100 focus-within:opacity-100 has-checked:opacity-100">
            <input
              type="checkbox"
              checked={actions.isSelected(job.id, result.position)}
              onChange={() => actions.toggleSelected(job.id, result.position)}
              className="size-4 accent-violet-500"
            />
            <span className="sr-only">Select {label}</span>
          </label>
        )}
      </div>
      <RestoreStatus result={result} label={`Result ${index + 1}`} />
      <div className="flex flex-wrap items-center justify-between gap-x-1 text-xs text-zinc-400">
        <span className="tabular-nums">
          {result.asset.width} × {result.asset.height}
        </span>
        {/* The row: the frequent actions as named icon buttons with tooltips, the rest in a menu. */}
        <div className="flex flex-wrap items-center">
          <Tooltip text="Download">
            <a href={result.downloadUrl} download={downloadName(job, result)} className={iconButton}>
              <Icon name="download" />
              <span className="sr-only">Download {label}</span>
            </a>
          </Tooltip>
          {!generateRefusal && button('base', 'Make base', () => actions.addAsReference(result, true))}
          {!generateRefusal && button('reference', 'Use as reference', () => actions.addAsReference(result, false))}
          {mayShare && (
            <Tooltip text="Share">
              <ShareButton jobId={job.id} position={result.position} compact />
            </Tooltip>
          )}
          <ActionMenu
            label="More actions"
            target={label}
            actions={[
              { text: 'Compare', onSelect: () => actions.open(job.id, result.position, 'compare') },
              { text: 'Copy', onSelect: () => void copy() },
              ...(mayCurate
                ? [
                    {
                      text: 'Add to board',
                      onSelect: () => actions.addToBoard([{ jobId: job.id, position: result.position }]),
                    },
                    { text: 'Delete', onSelect: () => actions.remove(result), danger: true },
                  ]
                : []),
            ]}
          />
        </div>
      </div>
      {result.curation && (
        <ResultCurationBar
          jobId={job.id}
          position={result.position}
          label={label}
          curation={result.curation}
          announce={actions.announce}
        />
      )}
      <ClientMarks jobId={job.id} position={result.position} />
    </li>
  );
}

/** Memoised: the gallery re-renders as it scrolls and polls; a card renders again only when its own props change. */
export const ResultTile = memo(ResultTileView);
