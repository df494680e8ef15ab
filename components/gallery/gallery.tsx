'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteGalleryResult, undoDeleteGalleryResult } from '@/app/(studio)/asset-actions';
import { GALLERY_PARAM_KEYS, galleryFilterToParams, isFiltered } from '@/lib/jobs/gallery-filter';
import { GALLERY_KEY, galleryQuery, type GalleryFilter } from '@/lib/jobs/queries';
import type { Job, JobResultView } from '@/lib/jobs/types';
import { BatchCards } from '@/components/batches/batch-cards';
import { batchesQuery } from '@/components/batches/batches-query';
import { AddToBoardDialog } from './add-to-board-dialog';
import { GalleryFilters } from './gallery-filters';
import { GalleryList } from './gallery-list';
import { galleryItems } from './lightbox-item';
import { ResultLightbox } from './result-lightbox';
import type { ResultActions } from './result-tile';
import { SelectionBar, useResultSelection, type ResultKey } from './selection-bar';
import { useGalleryAnnouncements } from './use-gallery-announcements';
import { useGalleryStamp } from './use-gallery-stamp';
import { useLiveTasks } from './use-live-tasks';

/** What the gallery asks of the studio around it. */
export interface GalleryActions {
  /** Use as reference (or, with `asBase`, Make base); resolves to a sentence for the user. */
  addAsReference(result: JobResultView, asBase: boolean): Promise<string>;
  editAgain(job: Job): void;
}

interface Deleted {
  jobId: string;
  position: number;
  label: string;
}

/** The region `Gallery`: every task, newest first, filtered, windowed, updated live while any is running. */
export function Gallery({ actions, initialFilter = {} }: { actions: GalleryActions; initialFilter?: GalleryFilter }) {
  const [filter, setFilter] = useState<GalleryFilter>(initialFilter);
  const query = useInfiniteQuery(galleryQuery(filter));
  const queryClient = useQueryClient();
  const jobs = useMemo(() => query.data?.pages.flatMap((page) => page.jobs) ?? [], [query.data]);
  const [open, setOpen] = useState<{ jobId: string; position: number; mode?: 'compare' } | null>(null);
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const [notice, setNotice] = useState('');
  const [adding, setAdding] = useState<{ items: ResultKey[]; selected: boolean } | null>(null);
  const selection = useResultSelection();
  // A batch's tasks live in its card: with a batch, the gallery is not empty even when no task stands alone.
  const hasBatches = (useQuery(batchesQuery).data?.length ?? 0) > 0;
  const live = useGalleryAnnouncements(jobs);
  useGalleryStamp();
  useLiveTasks(jobs);
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: GALLERY_KEY }), [queryClient]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);

  // The filter is shareable view state: the page reads it from the URL, this writes it back as it changes.
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const key of GALLERY_PARAM_KEYS) url.searchParams.delete(key);
    for (const [key, value] of galleryFilterToParams(filter)) url.searchParams.set(key, value);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  }, [filter]);

  // One actions object for as long as the selection is the same: the cards are memoised, so scrolling and polls
  // re-render only the cards whose task changed. What the handlers read at call time comes through refs.
  const latest = useRef({ jobs, actions });
  useEffect(() => {
    latest.current = { jobs, actions };
  }, [jobs, actions]);
  const { isSelected, toggle } = selection;
  const resultActions = useMemo<ResultActions>(
    () => ({
      open: (jobId, position, mode) => setOpen({ jobId, position, mode }),
      async addAsReference(result, asBase) {
        setNotice(await latest.current.actions.addAsReference(result, asBase));
      },
      async remove(result) {
        const job = latest.current.jobs.find((item) => item.results.includes(result));
        if (!job) return;
        const outcome = await deleteGalleryResult({ jobId: job.id, position: result.position }).catch(() => null);
        if (!outcome?.ok) return setNotice('The result could not be deleted; try again.');
        setDeleted({
          jobId: job.id,
          position: result.position,
          label: `Result ${job.results.indexOf(result) + 1} of “${job.prompt}”`,
        });
        await refresh();
      },
      announce: setNotice,
      addToBoard: (items) => setAdding({ items, selected: false }),
      isSelected,
      toggleSelected: toggle,
    }),
    [isSelected, toggle, refresh],
  );

  async function undo() {
    if (!deleted) return;
    const outcome = await undoDeleteGalleryResult({ jobId: deleted.jobId, position: deleted.position }).catch(
      () => null,
    );
    setDeleted(null);
    setNotice(outcome?.ok ? `${deleted.label} restored.` : 'The result could not be restored.');
    await refresh();
  }

  const items = useMemo(() => galleryItems(jobs), [jobs]);
  const openIndex = open ? items.findIndex((item) => item.key === `${open.jobId}/${open.position}`) : -1;
  const filtered = isFiltered(filter);

  return (
    <section aria-labelledby="gallery-heading" className="flex h-full min-h-0 flex-col gap-3">
      <h2 id="gallery-heading" className="text-sm font-semibold text-zinc-100">
        Gallery
      </h2>
      <GalleryFilters filter={filter} onChange={setFilter} />
      <BatchCards />
      <SelectionBar
        count={selection.items.length}
        onAdd={() => setAdding({ items: selection.items, selected: true })}
        onClear={selection.clear}
      />
      <p className="sr-only" aria-live="polite">
        {live}
      </p>
      <p role="status" className="text-xs text-zinc-300 empty:hidden">
        {notice}
      </p>
      {deleted && (
        <div
          role="status"
          className="flex items-center justify-between gap-2 rounded-lg border border-zinc-700 bg-zinc-800 px-3 py-2 text-sm text-zinc-100"
        >
          <span>{deleted.label} deleted.</span>
          <button
            type="button"
            onClick={() => void undo()}
            className="rounded-md bg-violet-700 px-2.5 py-1 text-xs font-semibold text-white hover:bg-violet-800"
          >
            Undo delete
          </button>
        </div>
      )}
      {query.error && (
        <p role="alert" className="rounded-lg border border-amber-900/60 bg-amber-950/40 p-3 text-sm text-amber-200">
          {query.error.message} Retrying…
        </p>
      )}
      {query.isPending && <p className="text-sm text-zinc-400">Loading your tasks…</p>}
      {query.isSuccess && jobs.length === 0 && !hasBatches && (
        <p className="rounded-xl border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-400">
          {filtered
            ? 'No task matches this filter.'
            : 'No results yet. Add an image, paint what to change, describe it, and press Generate.'}
        </p>
      )}
      <GalleryList
        jobs={jobs}
        hasMore={Boolean(hasNextPage)}
        loadMore={loadMore}
        actions={resultActions}
        onEditAgain={actions.editAgain}
      />
      {adding && (
        <AddToBoardDialog
          items={adding.items}
          onDone={(message) => {
            if (message && adding.selected) selection.clear();
            if (message) setNotice(message);
            setAdding(null);
          }}
        />
      )}
      {open && openIndex >= 0 && (
        <ResultLightbox
          key={`${open.jobId}-${open.position}`}
          items={items}
          start={openIndex}
          initialMode={open.mode}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
