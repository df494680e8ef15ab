'use client';

import Link from 'next/link';
import { useState } from 'react';
import { revokeBoardShareAction } from '@/app/(studio)/curation-actions';
import type { BoardShareView } from '@/lib/curation/types';

type BoardLink = BoardShareView & { boardId: string; boardName: string };

/** The Shared links page's list of board links: which board, when made, and Revoke (a board's page makes them). */
export function BoardLinkList({ initial }: { initial: BoardLink[] }) {
  const [links, setLinks] = useState(initial);
  const [message, setMessage] = useState('');

  async function revoke(link: BoardLink) {
    const revoked = await revokeBoardShareAction(link.id).catch(() => null);
    if (!revoked?.ok) return setMessage(revoked?.error.message ?? 'The link could not be revoked; try again.');
    setLinks((all) => all.filter((other) => other.id !== link.id));
    setMessage(`The link to “${link.boardName}” is revoked: its page now answers “not found”.`);
  }

  return (
    <section aria-labelledby="board-links-heading" className="flex flex-col gap-2">
      <h2 id="board-links-heading" className="text-base font-semibold text-zinc-50">
        Board links
      </h2>
      <p role="status" className="text-sm text-zinc-300 empty:hidden">
        {message}
      </p>
      {links.length === 0 ? (
        <p className="text-sm text-zinc-400">
          No board is shared. A board’s page has <span className="text-zinc-200">Create share link</span>.
        </p>
      ) : (
        <ul
          aria-label="Active board links"
          className="flex flex-col divide-y divide-zinc-800 rounded-xl border border-zinc-800"
        >
          {links.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="min-w-0">
                <Link href={`/boards/${link.boardId}`} className="font-medium text-violet-300 hover:underline">
                  {link.boardName}
                </Link>
                <span className="text-zinc-400">
                  {' '}
                  · link starting {link.tokenHint}… · made {new Date(link.createdAt).toLocaleString()}
                </span>
              </span>
              <button
                type="button"
                onClick={() => void revoke(link)}
                className="rounded-md px-2 py-1 text-xs font-medium text-red-300 hover:bg-zinc-800"
              >
                Revoke<span className="sr-only"> the link to {link.boardName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
