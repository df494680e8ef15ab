import type { Metadata } from 'next';
import { BoardList } from '@/components/boards/board-list';
import { AppHeader } from '@/components/shell/app-header';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { listBoards } from '@/lib/server/curation/boards';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Boards · Overpaint' };

/** The team's boards: named collections of results, each with its own page and share link. */
export default async function BoardsPage() {
  await requirePageAccess('/boards');
  const boards = await listBoards();
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader current="boards" engine={engine} model={model} signOut={studioAccessRequired()} />
      <main className="mx-auto flex w-full max-w-4xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">Boards</h1>
        <p className="text-sm text-zinc-400">
          Collect the results your team wants to keep together. Add results from the gallery with “Add to board”.
        </p>
        <BoardList initial={boards} />
      </main>
    </div>
  );
}
