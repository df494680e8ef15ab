import Link from 'next/link';
import { EngineBadge } from '@/components/studio/engine-badge';
import { Studio } from '@/components/studio/studio';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { STATUS_LABELS, type JobStatus } from '@/lib/jobs/types';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { logout } from '../login/actions';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/** The gallery filter from a shared URL (`?q=…&status=…`); anything unknown is ignored. */
function galleryFilter(params: SearchParams): { q?: string; status?: JobStatus } {
  const q = typeof params.q === 'string' ? params.q.slice(0, 200) : undefined;
  const status = typeof params.status === 'string' && params.status in STATUS_LABELS ? (params.status as JobStatus) : undefined;
  return { q, status };
}

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The proxy redirects first; this is the check, should a request ever reach the page without passing it.
  await requirePageAccess('/');
  const { engine, model } = publicEnv();
  const initialFilter = galleryFilter(await searchParams);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <h1 className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
          <span className="ml-2 text-xs font-normal text-zinc-400">AI image editing studio</span>
        </h1>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/shares" className="rounded px-2 py-1 text-sm font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200">
            Shared links
          </Link>
          {studioAccessRequired() && (
            <form action={logout}>
              <button type="submit" className="rounded px-2 py-1 text-sm font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100">
                Sign out
              </button>
            </form>
          )}
          <Link href="/settings" className="rounded px-2 py-1 text-sm font-medium text-violet-300 hover:bg-zinc-800 hover:text-violet-200">
            Settings
          </Link>
          <EngineBadge engine={engine} model={model} />
        </div>
      </header>
      <main className="flex flex-1 flex-col">
        <Studio initialFilter={initialFilter} />
      </main>
    </div>
  );
}
