'use client';

import { useId, useState } from 'react';
import { updateShareLink } from '@/app/(studio)/share-actions';
import { SHARE_EXPIRIES, SHARE_EXPIRY_LABELS, type CreatedShare, type ShareExpiry } from '@/lib/share/types';

/** The link just made: copy it, choose whether the prompt shows and when the link stops working. */
export function SharePanel({ created, onChange }: { created: CreatedShare; onChange: (next: CreatedShare) => void }) {
  const [expiry, setExpiry] = useState<ShareExpiry>('never');
  // Shown at once (a checkbox must follow the click), put back if the server refuses.
  const [includePrompt, setIncludePrompt] = useState(created.share.includePrompt);
  const [includeBefore, setIncludeBefore] = useState(created.share.includeBefore);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.url);
      setStatus('Link copied.');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text for a manual copy.
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
      setStatus('Press Ctrl+C (⌘C) to copy the selected link.');
    }
  }

  function undo() {
    setIncludePrompt(created.share.includePrompt);
    setIncludeBefore(created.share.includeBefore);
  }

  async function update(patch: { includePrompt?: boolean; includeBefore?: boolean; expiry?: ShareExpiry }) {
    setBusy(true);
    try {
      const result = await updateShareLink({ id: created.share.id, ...patch });
      if (!result.ok) {
        undo();
        return setStatus(result.error.message);
      }
      onChange({ ...created, share: result.data });
      if (patch.expiry) setStatus(`Link expires: ${SHARE_EXPIRY_LABELS[patch.expiry]}.`);
      else if (patch.includePrompt !== undefined)
        setStatus(patch.includePrompt ? 'The page now shows the prompt.' : 'The page no longer shows the prompt.');
      else
        setStatus(
          patch.includeBefore ? 'The page now shows the original too.' : 'The page no longer shows the original.',
        );
    } catch {
      undo();
      setStatus('The change could not be saved (the server did not answer).');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2 text-sm text-zinc-300">
      <label htmlFor={`${id}-url`} className="font-medium text-zinc-200">
        Share link
      </label>
      <div className="flex gap-1.5">
        <input
          id={`${id}-url`}
          readOnly
          value={created.url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1.5 font-mono text-xs text-zinc-100"
        />
        <button
          type="button"
          onClick={copy}
          className="rounded-lg bg-violet-700 px-3 py-1.5 font-medium text-white hover:bg-violet-800"
        >
          Copy<span className="sr-only"> link</span>
        </button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={includePrompt}
            disabled={busy}
            onChange={(event) => {
              const next = event.currentTarget.checked;
              setIncludePrompt(next);
              void update({ includePrompt: next });
            }}
            className="accent-violet-500"
          />
          Include prompt
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={includeBefore}
            disabled={busy}
            onChange={(event) => {
              const next = event.currentTarget.checked;
              setIncludeBefore(next);
              void update({ includeBefore: next });
            }}
            className="accent-violet-500"
          />
          Before/after slider
        </label>
        <label className="flex items-center gap-1.5">
          Expires
          <select
            value={expiry}
            disabled={busy}
            onChange={(event) => {
              const next = event.currentTarget.value as ShareExpiry;
              setExpiry(next);
              void update({ expiry: next });
            }}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-100"
          >
            {SHARE_EXPIRIES.map((value) => (
              <option key={value} value={value}>
                {value === 'never' ? 'Never' : `In ${SHARE_EXPIRY_LABELS[value]}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="flex min-h-5 justify-between gap-2 text-xs text-zinc-400">
        <span aria-live="polite">{status}</span>
        <a href="/shares" className="text-violet-300 underline-offset-2 hover:underline">
          All shared links
        </a>
      </p>
    </div>
  );
}
