import { PageShell } from '@/app/_shell/page-shell';
import { PermissionsProvider } from '@/components/auth/permissions';
import { Studio } from '@/components/studio/studio';
import { galleryFilterFromParams } from '@/lib/jobs/gallery-filter';
import { pagePermissions } from '@/lib/server/auth/actor';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { currentPricing, loadCostSettings } from '@/lib/server/cost/settings';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The proxy redirects first; this is the check, should a request ever reach the page without passing it.
  const actor = await requirePageAccess('/');
  // The gallery filter from a shared URL (lib/jobs/gallery-filter.ts); anything unknown is ignored.
  const initialFilter = galleryFilterFromParams(await searchParams);
  // The prices the server will reserve with, so the estimate beside Generate is the same figure.
  const [pricing, { confirmAboveMicros }] = await Promise.all([currentPricing(), loadCostSettings()]);
  return (
    <PageShell actor={actor} current="studio" width="full">
      <PermissionsProvider value={pagePermissions(actor)}>
        <Studio initialFilter={initialFilter} engine={publicEnv().engine} cost={{ pricing, confirmAboveMicros }} />
      </PermissionsProvider>
    </PageShell>
  );
}
