'use client';

import { useCallback, useState } from 'react';

export type ResultKey = { jobId: string; position: number };

/** Results picked for a multi-result action (Add to board), by `jobId/position`. */
export function useResultSelection() {
  const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
  const isSelected = useCallback((jobId: string, position: number) => keys.has(`${jobId}/${position}`), [keys]);
  const toggle = useCallback((jobId: string, position: number) => {
    setKeys((current) => {
      const next = new Set(current);
      const key = `${jobId}/${position}`;
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const clear = useCallback(() => setKeys(new Set()), []);
  const items: ResultKey[] = [...keys].map((key) => {
    const split = key.lastIndexOf('/');
    return { jobId: key.slice(0, split), position: Number(key.slice(split + 1)) };
  });
  return { items, isSelected, toggle, clear };
}

/** Shown while results are selected: how many, Add to board, Clear selection. */
export function SelectionBar({ count, onAdd, onClear }: { count: number; onAdd(): void; onClear(): void }) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Selected results"
      className="flex items-center justify-between gap-2 rounded-lg border border-violet-800/60 bg-violet-950/40 px-3 py-2 text-sm text-zinc-100"
    >
      <span>
        {count} result{count === 1 ? '' : 's'} selected
      </span>
      <span className="flex gap-1">
        <button
          type="button"
          onClick={onAdd}
          className="rounded-md bg-violet-700 px-2.5 py-1 text-xs font-semibold text-white hover:bg-violet-800"
        >
          Add selected to board
        </button>
        <button
          type="button"
          onClick={onClear}
          className="rounded-md px-2.5 py-1 text-xs text-zinc-300 hover:bg-zinc-800"
        >
          Clear selection
        </button>
      </span>
    </div>
  );
}
