'use client';

import { useId, useState } from 'react';
import { shareResult } from '@/app/(studio)/share-actions';
import type { CreatedShare } from '@/lib/share/types';
import { SharePanel } from './share-panel';

/**
 * Share for one result (`position`) or a whole task (no position). The first press makes the link (prompt left
 * out, no expiry) and reveals it with its choices; pressing again only hides or shows it, so one button never
 * makes a pile of links.
 */
export function ShareButton({ jobId, position }: { jobId: string; position?: number }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();

  async function toggle() {
    if (open) return setOpen(false);
    setOpen(true);
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
    <div className="flex flex-col items-end gap-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className="rounded px-1.5 py-0.5 text-xs font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200 focus-visible:outline-2 focus-visible:outline-violet-400"
      >
        {position === undefined ? (
          <>
            Share all<span className="sr-only"> results of this task</span>
          </>
        ) : (
          <>
            Share<span className="sr-only"> result {position + 1}</span>
          </>
        )}
      </button>
      <div id={panelId} hidden={!open} className="w-full">
        {pending && <p className="text-xs text-zinc-400">Making a link…</p>}
        {error && (
          <p role="alert" className="rounded-lg bg-red-950/40 p-2 text-xs text-red-200">
            {error}
          </p>
        )}
        {created && <SharePanel created={created} onChange={setCreated} />}
      </div>
    </div>
  );
}
