'use client';

import { useState } from 'react';
import { revokeBoardShareAction, shareBoardAction } from '@/app/(studio)/curation-actions';
import type { BoardShareView } from '@/lib/curation/types';

/** A board's read-only links: make one (its address shown once, to copy), and revoke any. */
export function BoardShare({ boardId, initial }: { boardId: string; initial: BoardShareView[] }) {
  const [links, setLinks] = useState(initial);
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState('');

  async function create() {
    const made = await shareBoardAction(boardId).catch(() => null);
    if (!made?.ok) return setMessage(made?.error.message ?? 'The link could not be made; try again.');
    setUrl(made.data.url);
    setLinks((all) => [made.data.share, ...all]);
    setMessage('Link created. Anyone with it can see this board, read-only, until you revoke it.');
  }

  async function revoke(id: string) {
    const revoked = await revokeBoardShareAction(id).catch(() => null);
    if (!revoked?.ok) return setMessage(revoked?.error.message ?? 'The link could not be revoked; try again.');
    setLinks((all) => all.map((link) => (link.id === id ? revoked.data : link)));
    setMessage('Link revoked: its page now answers “not found”.');
  }

  const active = links.filter((link) => !link.revokedAt);
  return (
    <section
      aria-labelledby="board-share-heading"
      className="flex flex-col gap-2 rounded-xl border border-zinc-800 p-3"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="board-share-heading" className="text-sm font-semibold text-zinc-100">
          Share this board
        </h2>
        <button
          type="button"
          onClick={() => void create()}
          className="rounded-md bg-violet-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-violet-800"
        >
          Create share link
        </button>
      </div>
      {url && (
        <label className="flex flex-col gap-1 text-xs text-zinc-300">
          Board share link
          <input
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100"
          />
        </label>
      )}
      <p role="status" className="text-xs text-zinc-300 empty:hidden">
        {message}
      </p>
      {active.length > 0 && (
        <ul aria-label="Active board links" className="flex flex-col gap-1 text-xs text-zinc-300">
          {active.map((link) => (
            <li key={link.id} className="flex items-center justify-between gap-2">
              <span>
                Link starting {link.tokenHint}… made {new Date(link.createdAt).toLocaleString()}
              </span>
              <button
                type="button"
                onClick={() => void revoke(link.id)}
                className="rounded-md px-2 py-0.5 text-red-300 hover:bg-zinc-800"
              >
                Revoke<span className="sr-only"> the link starting {link.tokenHint}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
