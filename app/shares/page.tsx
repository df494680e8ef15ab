import type { Metadata } from 'next';
import Link from 'next/link';
import { PageShell } from '@/app/_shell/page-shell';
import { BoardLinkList } from '@/components/boards/board-link-list';
import { ShareList } from '@/components/share/share-list';
import { requirePageAccess } from '@/lib/server/guard';
import { listActiveBoardShares } from '@/lib/server/curation/board-shares';
import { listShares } from '@/lib/server/share/shares';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Shared links · Overpaint' };

/** Every link the studio has made (results and boards): what it shows, when it stops, and revoke. */
export default async function SharesPage() {
  // The proxy redirects too; this is the check (a page is a public endpoint like any other).
  const actor = await requirePageAccess('/shares');
  const [shares, boardLinks] = await Promise.all([listShares(), listActiveBoardShares()]);
  return (
    <PageShell actor={actor} current="shares">
      <h1 className="text-lg font-semibold text-zinc-50">Shared links</h1>
      <p className="text-sm text-zinc-400">
        Anyone with a link can see what it shares, without signing in. Revoke a link and its page answers “not found” at
        once. A link’s full address is shown only when it is made.
      </p>
      <p className="text-sm text-zinc-300">
        Links sent to clients for a decision are under{' '}
        <Link href="/reviews" className="font-medium text-violet-300 hover:underline">
          Reviews
        </Link>
        .
      </p>
      <section aria-labelledby="result-links-heading" className="flex flex-col gap-2">
        <h2 id="result-links-heading" className="text-base font-semibold text-zinc-50">
          Result links
        </h2>
        <ShareList initial={shares} />
      </section>
      <BoardLinkList initial={boardLinks} />
    </PageShell>
  );
}
