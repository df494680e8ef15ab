import { PageShell } from '@/app/_shell/page-shell';
import { PermissionsProvider } from '@/components/auth/permissions';
import { Studio } from '@/components/studio/studio';
import { galleryFilterFromParams } from '@/lib/jobs/gallery-filter';
import { pagePermissions } from '@/lib/server/auth/actor';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The proxy redirects first; this is the check, should a request ever reach the page without passing it.
  const actor = await requirePageAccess('/');
  // The gallery filter from a shared URL (lib/jobs/gallery-filter.ts); anything unknown is ignored.
  const initialFilter = galleryFilterFromParams(await searchParams);
  return (
    <PageShell actor={actor} current="studio" width="full">
      <PermissionsProvider value={pagePermissions(actor)}>
        <Studio initialFilter={initialFilter} engine={publicEnv().engine} />
      </PermissionsProvider>
    </PageShell>
  );
}
