import type { Metadata } from 'next';
import { PageShell } from '@/app/_shell/page-shell';
import { BoardList } from '@/components/boards/board-list';
import { listBoards } from '@/lib/server/curation/boards';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Boards · Overpaint' };

/** The team's boards: named collections of results, each with its own page and share link. */
export default async function BoardsPage() {
  const actor = await requirePageAccess('/boards');
  const boards = await listBoards();
  return (
    <PageShell actor={actor} current="boards">
      <h1 className="text-lg font-semibold text-zinc-50">Boards</h1>
      <p className="text-sm text-zinc-400">
        Collect the results your team wants to keep together. Add results from the gallery with “Add to board”.
      </p>
      <BoardList initial={boards} />
    </PageShell>
  );
}
