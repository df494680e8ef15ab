'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { createBoardAction, deleteBoardAction, renameBoardAction } from '@/app/(studio)/curation-actions';
import { BOARD_NAME_MAX, type BoardView } from '@/lib/curation/types';

const field = 'rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100';
const button = 'rounded-md px-2.5 py-1 text-xs font-medium hover:bg-zinc-800';

/** Every board: open, rename, delete; and a form to make a new one. */
export function BoardList({ initial }: { initial: BoardView[] }) {
  const [boards, setBoards] = useState(initial);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState('');

  async function create(event: FormEvent) {
    event.preventDefault();
    const made = await createBoardAction({ name }).catch(() => null);
    if (!made?.ok) return setMessage(made?.error.message ?? 'The board could not be made; try again.');
    setBoards((all) => [...all, made.data].sort((a, b) => a.name.localeCompare(b.name)));
    setName('');
    setMessage(`Board “${made.data.name}” created.`);
  }

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!renaming) return;
    const renamed = await renameBoardAction(renaming).catch(() => null);
    if (!renamed?.ok) return setMessage(renamed?.error.message ?? 'The board could not be renamed; try again.');
    setBoards((all) => all.map((board) => (board.id === renamed.data.id ? renamed.data : board)));
    setRenaming(null);
    setMessage(`Board renamed to “${renamed.data.name}”.`);
  }

  async function remove(board: BoardView) {
    if (!window.confirm(`Delete the board “${board.name}”? Its results stay in the gallery.`)) return;
    const deleted = await deleteBoardAction(board.id).catch(() => null);
    if (!deleted?.ok) return setMessage(deleted?.error.message ?? 'The board could not be deleted; try again.');
    setBoards((all) => all.filter((item) => item.id !== board.id));
    setMessage(`Board “${board.name}” deleted.`);
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={(event) => void create(event)} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs text-zinc-300">
          Board name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={BOARD_NAME_MAX}
            className={field}
          />
        </label>
        <button type="submit" className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white">
          Create board
        </button>
      </form>
      <p role="status" className="text-sm text-zinc-300 empty:hidden">
        {message}
      </p>
      {boards.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-400">
          No boards yet. Make one here, or choose “Add to board” on a result in the studio.
        </p>
      ) : (
        <ul aria-label="Boards" className="flex flex-col divide-y divide-zinc-800 rounded-xl border border-zinc-800">
          {boards.map((board) => (
            <li key={board.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              {renaming?.id === board.id ? (
                <form onSubmit={(event) => void rename(event)} className="flex flex-1 items-center gap-2">
                  <label className="sr-only" htmlFor={`rename-${board.id}`}>
                    New name for {board.name}
                  </label>
                  <input
                    id={`rename-${board.id}`}
                    value={renaming.name}
                    onChange={(e) => setRenaming({ id: board.id, name: e.target.value })}
                    required
                    maxLength={BOARD_NAME_MAX}
                    className={`${field} flex-1`}
                  />
                  <button type="submit" className={`${button} text-violet-300`}>
                    Save name
                  </button>
                </form>
              ) : (
                <div className="flex flex-col">
                  <Link href={`/boards/${board.id}`} className="font-medium text-violet-300 hover:underline">
                    {board.name}
                  </Link>
                  <span className="text-xs text-zinc-400">
                    {board.items} result{board.items === 1 ? '' : 's'}
                    {board.createdByName ? ` · made by ${board.createdByName}` : ''}
                  </span>
                </div>
              )}
              <span className="flex gap-1">
                {renaming?.id !== board.id && (
                  <button
                    type="button"
                    onClick={() => setRenaming({ id: board.id, name: board.name })}
                    className={`${button} text-zinc-200`}
                  >
                    Rename<span className="sr-only"> {board.name}</span>
                  </button>
                )}
                <button type="button" onClick={() => void remove(board)} className={`${button} text-red-300`}>
                  Delete<span className="sr-only"> {board.name}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
