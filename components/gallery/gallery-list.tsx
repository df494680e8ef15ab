'use client';

import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { groupSets } from '@/lib/expand/group';
import type { Job } from '@/lib/jobs/types';
import { JobCard } from './job-card';
import type { ResultActions } from './result-tile';
import { SetCard } from './set-card';

interface GalleryListProps {
  jobs: Job[];
  hasMore: boolean;
  loadMore(): void;
  actions: ResultActions;
  onEditAgain(job: Job): void;
}

/**
 * The task cards, windowed: only the cards near the viewport are in the DOM (2,000 results stay smooth), each
 * measured once rendered. Reaching the end asks for the next page.
 */
export function GalleryList({ jobs, hasMore, loadMore, actions, onEditAgain }: GalleryListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The tasks of a ratio set share one card.
  const cards = useMemo(() => groupSets(jobs), [jobs]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 300,
    // Before the scroller is measured (on the server, and until hydration) assume a typical column, so the first
    // cards are in the page's HTML rather than appearing only once the script has run.
    initialRect: { width: 380, height: 900 },
    overscan: 3,
    gap: 12,
    getItemKey: (index) => cards[index]?.key ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= cards.length - 3) loadMore();
  }, [hasMore, lastIndex, cards.length, loadMore]);

  return (
    <div
      ref={scroller}
      data-testid="gallery-scroller"
      // Opaque, in the panel's own colour (zinc-900 at 40 % over the page's zinc-950): on a low-density screen
      // Chromium scrolls a see-through scroller by repainting it (to keep its text's subpixel antialiasing), an
      // opaque one on the compositor.
      className="-mx-1 max-h-[80dvh] min-h-0 flex-1 overflow-y-auto bg-[color-mix(in_oklab,var(--color-zinc-900)_40%,var(--color-zinc-950))] px-1 xl:max-h-none"
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const card = cards[item.index];
          if (!card) return null;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 w-full"
              // `top`, not a translateY: a transform per card made each one a property node the compositor
              // re-examined every frame (scroll frame p95 26–28 → 23 ms, scripts/bench/gallery).
              style={{ top: item.start }}
            >
              {card.kind === 'set' ? (
                <SetCard setId={card.setId} jobs={card.jobs} actions={actions} onEditAgain={onEditAgain} />
              ) : (
                <JobCard job={card.job} actions={actions} onEditAgain={onEditAgain} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
