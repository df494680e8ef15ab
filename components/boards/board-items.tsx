'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { removeFromBoardAction } from '@/app/(studio)/curation-actions';
import { BoardGrid, type BoardGridItem } from './board-grid';

/** The board's results in the studio, each with Remove from board (the result stays in the gallery). */
export function BoardItems({ boardId, items }: { boardId: string; items: BoardGridItem[] }) {
  const router = useRouter();
  const [message, setMessage] = useState('');

  async function remove(item: BoardGridItem, index: number) {
    const [jobId, position] = item.key.split('/');
    const removed = await removeFromBoardAction({ boardId, jobId, position: Number(position) }).catch(() => null);
    if (!removed?.ok) return setMessage(removed?.error.message ?? 'The result could not be removed; try again.');
    setMessage(`Board result ${index + 1} removed from the board.`);
    router.refresh();
  }

  return (
    <>
      <p role="status" className="text-sm text-zinc-300 empty:hidden">
        {message}
      </p>
      <BoardGrid
        items={items}
        actions={(item) => (
          <button
            type="button"
            onClick={() => void remove(item, items.indexOf(item))}
            className="rounded-md px-2 py-0.5 text-xs text-zinc-300 hover:bg-zinc-800"
          >
            Remove<span className="sr-only"> board result {items.indexOf(item) + 1} from the board</span>
          </button>
        )}
      />
    </>
  );
}
