import { PermissionsProvider } from '@/components/auth/permissions';
import { AppHeader } from '@/components/shell/app-header';
import { Studio } from '@/components/studio/studio';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { STATUS_LABELS, type JobStatus } from '@/lib/jobs/types';
import { publicEnv } from '@/lib/server/env';
import { generateRefusal, headerPerson } from '@/lib/server/auth/actor';
import { requirePageAccess } from '@/lib/server/guard';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/** The gallery filter from a shared URL (`?q=…&status=…`); anything unknown is ignored. */
function galleryFilter(params: SearchParams): { q?: string; status?: JobStatus } {
  const q = typeof params.q === 'string' ? params.q.slice(0, 200) : undefined;
  const status =
    typeof params.status === 'string' && params.status in STATUS_LABELS ? (params.status as JobStatus) : undefined;
  return { q, status };
}

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The proxy redirects first; this is the check, should a request ever reach the page without passing it.
  const actor = await requirePageAccess('/');
  const { engine, model } = publicEnv();
  const initialFilter = galleryFilter(await searchParams);
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        current="studio"
        engine={engine}
        model={model}
        signOut={studioAccessRequired()}
        {...headerPerson(actor)}
      />
      <main className="flex flex-1 flex-col">
        <PermissionsProvider value={{ generateRefusal: generateRefusal(actor) }}>
          <Studio initialFilter={initialFilter} engine={engine} />
        </PermissionsProvider>
      </main>
    </div>
  );
}
