import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { BoardGrid } from '@/components/boards/board-grid';
import { resolveBoardShare } from '@/lib/server/curation/board-shares';

// Read on every request: a revoked link answers 404 at once.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

const sharedFor = cache((token: string) => resolveBoardShare(token));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await sharedFor((await params).token);
  // The token is the secret: keep it out of search engines and out of Referer headers sent to other sites.
  return {
    title: shared ? `${shared.board.name} · shared board · Overpaint` : 'Link not found · Overpaint',
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

/**
 * A shared board, read-only: its name and its results as they are now (prompts, names and decisions stay private,
 * as a result link keeps its prompt unless the sharer opts in). Images come through the token, never the studio's own routes.
 */
export default async function SharedBoardPage({ params }: Props) {
  const { token } = await params;
  const shared = await sharedFor(token);
  if (!shared) notFound();
  const items = shared.items.map((item, index) => {
    const src = `/s/b/${token}/image/${item.jobId}/${item.position}`;
    return {
      key: `${item.jobId}/${item.position}`,
      prompt: `Image ${index + 1} of ${shared.items.length}`,
      width: item.width,
      height: item.height,
      url: src,
      thumbUrl: `${src}?variant=thumb`,
      // The team's decisions stay inside the studio, like the prompts.
      approval: null,
    };
  });
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-950">
      <header className="border-b border-zinc-800 px-4 py-3">
        <p className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
          <span className="ml-2 text-xs font-normal text-zinc-400">Shared board</span>
        </p>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">{shared.board.name}</h1>
        <BoardGrid items={items} />
      </main>
      <footer className="px-4 py-6 text-center text-xs text-zinc-400">
        Made with Overpaint, an AI image editing studio.
      </footer>
    </div>
  );
}
