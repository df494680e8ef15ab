'use client';

import { useState } from 'react';
import { shareResult } from '@/app/(studio)/share-actions';
import { ModalCard } from '@/components/shell/modal-card';
import { useDialogOnDemand } from '@/components/shell/use-dialog-on-demand';
import type { CreatedShare } from '@/lib/share/types';
import { SharePanel } from './share-panel';

/**
 * Share for one result (`position`) or a whole task (no position). The first press makes the link (prompt left
 * out, no expiry) and shows it in a dialog with its choices; pressing again reopens the same link, so one button
 * never makes a pile of links. A modal dialog, because a gallery cell is too narrow for a readable URL.
 */
export function ShareButton({
  jobId,
  position,
  compact = false,
}: {
  jobId: string;
  position?: number;
  compact?: boolean;
}) {
  const { ref: dialogRef, rendered: dialogRendered, show: showDialog } = useDialogOnDemand();
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = position === undefined ? 'all results of this task' : `result ${position + 1}`;

  async function open() {
    showDialog();
    if (created || pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await shareResult({ jobId, position, includePrompt: false, expiry: 'never' });
      if (result.ok) setCreated(result.data);
      else setError(result.error.message);
    } catch {
      setError('The link could not be made (the server did not answer). Please try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={open}
        className={
          compact
            ? 'inline-flex size-7 items-center justify-center rounded-md text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50'
            : 'rounded px-1.5 py-0.5 text-xs font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200 focus-visible:outline-2 focus-visible:outline-violet-400'
        }
      >
        {/* Compact: an icon in a gallery tile's action row (its tooltip is the tile's); the name stays the same. */}
        {compact && (
          <svg
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            strokeLinecap="round"
            strokeLinejoin="round"
            className="size-4"
            aria-hidden="true"
          >
            <path d="M12 15V4m0 0L8 8m4-4 4 4M5 13v6h14v-6" />
          </svg>
        )}
        <span className={compact ? 'sr-only' : undefined}>{position === undefined ? 'Share all' : 'Share'}</span>
        <span className="sr-only">{position === undefined ? ' results of this task' : ` result ${position + 1}`}</span>
      </button>
      {dialogRendered && (
        <ModalCard dialogRef={dialogRef} title={`Share ${what}`}>
          <p className="text-sm text-zinc-400">
            Anyone with the link can see the image and download it, without signing in.
          </p>
          {pending && <p className="text-sm text-zinc-300">Making a link…</p>}
          {error && (
            <p role="alert" className="rounded-lg bg-red-950/40 p-2 text-sm text-red-200">
              {error}
            </p>
          )}
          {created && <SharePanel created={created} onChange={setCreated} />}
        </ModalCard>
      )}
    </>
  );
}
