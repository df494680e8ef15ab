'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { addToBoardAction, createBoardAction } from '@/app/(studio)/curation-actions';
import { BOARD_NAME_MAX } from '@/lib/curation/types';
import { GALLERY_KEY, galleryChoicesQuery } from '@/lib/jobs/queries';
import { fieldClass } from './field-class';

const NEW = '__new__';

/**
 * "Add to board": one or many results onto an existing board, or onto a new one named here. A modal dialog
 * (focus trapped, Esc closes, focus back where it was).
 */
export function AddToBoardDialog({
  items,
  onDone,
}: {
  items: Array<{ jobId: string; position: number }>;
  /** Called with a sentence for the user once added (or with null when cancelled). */
  onDone(message: string | null): void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const boards = useQuery(galleryChoicesQuery()).data?.boards;
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const target = choice || (boards?.length ? (boards[0]?.id ?? NEW) : NEW);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    let boardId = target;
    let boardName = boards?.find((board) => board.id === target)?.name ?? '';
    if (target === NEW) {
      const made = await createBoardAction({ name }).catch(() => null);
      if (!made?.ok) {
        setBusy(false);
        return setError(made?.error.message ?? 'The board could not be made; try again.');
      }
      boardId = made.data.id;
      boardName = made.data.name;
    }
    const added = await addToBoardAction({ boardId, items }).catch(() => null);
    setBusy(false);
    if (!added?.ok) return setError(added?.error.message ?? 'The results could not be added; try again.');
    await queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
    const what = items.length === 1 ? 'Result' : `${items.length} results`;
    onDone(`${what} added to “${boardName}”.`);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onCancel={() => onDone(null)}
      className="m-auto w-80 rounded-xl border border-zinc-700 bg-zinc-900 p-4 text-zinc-100 backdrop:bg-black/60"
    >
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          Add {items.length === 1 ? 'the result' : `${items.length} results`} to a board
        </h2>
        <label className="flex flex-col gap-1 text-xs text-zinc-300">
          Board
          <select value={target} onChange={(e) => setChoice(e.target.value)} className={fieldClass}>
            {boards?.map((board) => (
              <option key={board.id} value={board.id}>
                {board.name}
              </option>
            ))}
            <option value={NEW}>New board…</option>
          </select>
        </label>
        {target === NEW && (
          <label className="flex flex-col gap-1 text-xs text-zinc-300">
            New board name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={BOARD_NAME_MAX}
              className={fieldClass}
            />
          </label>
        )}
        {error && (
          <p role="alert" className="text-xs text-red-300">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={() => onDone(null)}
            className="rounded-md px-3 py-1.5 text-sm text-zinc-300 hover:bg-zinc-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-60"
          >
            Add to board
          </button>
        </div>
      </form>
    </dialog>
  );
}
