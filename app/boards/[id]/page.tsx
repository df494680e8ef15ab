import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageShell } from '@/app/_shell/page-shell';
import { BoardItems } from '@/components/boards/board-items';
import { BoardShare } from '@/components/boards/board-share';
import { ReviewShareButton } from '@/components/review/review-share-button';
import { listBoardShares } from '@/lib/server/curation/board-shares';
import { boardResults, findBoard } from '@/lib/server/curation/boards';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Board · Overpaint' };

type Props = { params: Promise<{ id: string }> };

/** One board: its results, a way to see them in the gallery, and its share links. */
export default async function BoardPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageAccess(`/boards/${encodeURIComponent(id)}`);
  const board = id.length <= 100 ? await findBoard(id) : null;
  if (!board) notFound();
  const [items, shares] = await Promise.all([boardResults(board.id), listBoardShares(board.id)]);
  return (
    <PageShell actor={actor} current="boards" width="wide">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold text-zinc-50">{board.name}</h1>
        <span className="flex gap-3 text-sm">
          <Link href={`/?board=${board.id}`} className="text-violet-300 hover:underline">
            Show in the gallery
          </Link>
          <Link href="/boards" className="text-violet-300 hover:underline">
            All boards
          </Link>
        </span>
      </div>
      <p className="text-sm text-zinc-400">
        {items.length} result{items.length === 1 ? '' : 's'}
        {board.createdByName ? ` · made by ${board.createdByName}` : ''}
      </p>
      <BoardShare boardId={board.id} initial={shares} />
      {items.length > 0 && (
        <ReviewShareButton
          kind="board"
          id={board.id}
          className="self-start rounded-md border border-violet-700 px-3 py-1.5 text-sm font-semibold text-violet-200 hover:bg-zinc-800"
        />
      )}
      <BoardItems
        boardId={board.id}
        items={items.map((item) => ({
          key: `${item.jobId}/${item.position}`,
          prompt: item.prompt,
          width: item.width,
          height: item.height,
          url: item.url,
          thumbUrl: item.thumbUrl,
          approval: item.approval,
          addedByName: item.addedByName,
        }))}
      />
    </PageShell>
  );
}
