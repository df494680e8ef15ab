import type { ReactNode } from 'react';

export interface BoardGridItem {
  key: string;
  prompt: string;
  width: number;
  height: number;
  thumbUrl: string;
  /** Full-size image, opened by the thumbnail's link. */
  url: string;
  approval: 'approved' | 'rejected' | null;
  addedByName?: string | null;
}

/** A board's results as a grid of thumbnails with their prompt and decision; `actions` adds per-item controls. */
export function BoardGrid({
  items,
  actions,
}: {
  items: BoardGridItem[];
  actions?: (item: BoardGridItem) => ReactNode;
}) {
  if (items.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-400">
        Nothing on this board yet.
      </p>
    );
  }
  return (
    <ul aria-label="Results on this board" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {items.map((item, index) => (
        <li key={item.key} className="flex flex-col gap-1 rounded-xl border border-zinc-800 bg-zinc-900 p-2">
          <a href={item.url} className="block overflow-hidden rounded-lg bg-zinc-950">
            {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail routes */}
            <img
              src={item.thumbUrl}
              alt={`Board result ${index + 1}: ${item.prompt}`}
              width={item.width}
              height={item.height}
              loading="lazy"
              className="h-auto w-full object-contain"
            />
          </a>
          <p className="line-clamp-2 text-xs text-zinc-200">{item.prompt}</p>
          <div className="flex flex-wrap items-center justify-between gap-1 text-xs text-zinc-400">
            <span>
              {item.approval && (
                <span className={item.approval === 'approved' ? 'text-emerald-300' : 'text-red-300'}>
                  {item.approval === 'approved' ? 'Approved' : 'Rejected'}
                  {item.addedByName ? ' · ' : ''}
                </span>
              )}
              {item.addedByName ? `Added by ${item.addedByName}` : ''}
            </span>
            {actions?.(item)}
          </div>
        </li>
      ))}
    </ul>
  );
}
