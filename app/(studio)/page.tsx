import { PermissionsProvider } from '@/components/auth/permissions';
import { AppHeader } from '@/components/shell/app-header';
import { Studio } from '@/components/studio/studio';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { galleryFilterFromParams } from '@/lib/jobs/gallery-filter';
import { publicEnv } from '@/lib/server/env';
import { headerPerson, pagePermissions } from '@/lib/server/auth/actor';
import { requirePageAccess } from '@/lib/server/guard';
import { currentPricing, loadCostSettings } from '@/lib/server/cost/settings';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The proxy redirects first; this is the check, should a request ever reach the page without passing it.
  const actor = await requirePageAccess('/');
  const { engine, model } = publicEnv();
  // The gallery filter from a shared URL (lib/jobs/gallery-filter.ts); anything unknown is ignored.
  const initialFilter = galleryFilterFromParams(await searchParams);
  // The prices the server will reserve with, so the estimate beside Generate is the same figure.
  const [pricing, { confirmAboveMicros }] = await Promise.all([currentPricing(), loadCostSettings()]);
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
        <PermissionsProvider value={pagePermissions(actor)}>
          <Studio initialFilter={initialFilter} engine={engine} cost={{ pricing, confirmAboveMicros }} />
        </PermissionsProvider>
      </main>
    </div>
  );
}
