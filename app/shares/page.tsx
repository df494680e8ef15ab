import type { Metadata } from 'next';
import Link from 'next/link';
import { ShareList } from '@/components/share/share-list';
import { requirePageAccess } from '@/lib/server/guard';
import { listShares } from '@/lib/server/share/shares';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Shared links · Overpaint' };

/** Every link the studio has made: what it shows, when it stops, and revoke. */
export default async function SharesPage() {
  // The proxy redirects too; this is the check (a page is a public endpoint like any other).
  await requirePageAccess('/shares');
  const shares = await listShares();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <p className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
        </p>
        <Link
          href="/"
          className="rounded px-2 py-1 text-sm font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200"
        >
          Back to the studio
        </Link>
      </header>
      <main className="mx-auto flex w-full max-w-4xl flex-1 flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">Shared links</h1>
        <p className="text-sm text-zinc-400">
          Anyone with a link can see what it shares, without signing in. Revoke a link and its page answers “not found”
          at once. A link’s full address is shown only when it is made.
        </p>
        <ShareList initial={shares} />
      </main>
    </div>
  );
}
