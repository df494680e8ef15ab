'use client';

import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { addBatchToBoard } from '@/app/batch/actions';
import { galleryChoicesQuery } from '@/lib/jobs/queries';

/** Adds every result of the batch to one of the team's boards. */
export function AddBatchToBoard({ batchId }: { batchId: string }) {
  const id = useId();
  const boards = useQuery(galleryChoicesQuery()).data?.boards ?? [];
  const [boardId, setBoardId] = useState('');
  const [message, setMessage] = useState('');
  if (boards.length === 0) return null;
  const target = boardId || boards[0]!.id;

  async function add() {
    const result = await addBatchToBoard({ batchId, boardId: target }).catch(() => null);
    const name = boards.find((board) => board.id === target)?.name ?? 'the board';
    setMessage(
      !result
        ? 'The studio could not reach the server; try again.'
        : result.ok
          ? `${result.data.added} results added to ${name}.`
          : result.error.message,
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${id}-board`} className="text-xs font-medium text-zinc-300">
        Board
      </label>
      <select
        id={`${id}-board`}
        value={target}
        onChange={(event) => setBoardId(event.target.value)}
        className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-100"
      >
        {boards.map((board) => (
          <option key={board.id} value={board.id}>
            {board.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => void add()}
        className="rounded-lg bg-zinc-800 px-2.5 py-1 text-xs font-medium text-zinc-100 hover:bg-zinc-700"
      >
        Add batch to board
      </button>
      <p role="status" className="text-xs text-zinc-300 empty:hidden">
        {message}
      </p>
    </div>
  );
}
