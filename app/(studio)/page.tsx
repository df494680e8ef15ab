import { PageShell } from '@/app/_shell/page-shell';
import { PermissionsProvider } from '@/components/auth/permissions';
import { Studio } from '@/components/studio/studio';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { galleryFilterFromParams, galleryFilterToParams } from '@/lib/jobs/gallery-filter';
import { galleryFilterSchema, listGalleryPage, type GalleryPage } from '@/lib/server/gallery/list';
import { galleryQuery, galleryStampQuery, type GalleryFilter } from '@/lib/jobs/queries';
import { pagePermissions, type Actor } from '@/lib/server/auth/actor';
import { publicEnv } from '@/lib/server/env';
import { galleryStamp } from '@/lib/server/gallery/stamp';
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
  const [pricing, { confirmAboveMicros }, gallery] = await Promise.all([
    currentPricing(),
    loadCostSettings(),
    firstGalleryPage(initialFilter, actor),
  ]);
  return (
    <PageShell actor={actor} current="studio" width="full">
      <PermissionsProvider value={pagePermissions(actor)}>
        <HydrationBoundary state={gallery}>
          <Studio initialFilter={initialFilter} engine={publicEnv().engine} cost={{ pricing, confirmAboveMicros }} />
        </HydrationBoundary>
      </PermissionsProvider>
    </PageShell>
  );
}

/**
 * The gallery's first page, read here and handed to the browser's query cache with the page: the first cards are
 * in the HTML, not behind a wait for the script, then a fetch of /api/jobs (the same read that route makes). The
 * browser does not fetch it again on mount (`galleryQuery`'s staleTime), so the change stamp goes with it, read
 * first: anything that changes after the stamp was read moves the stamp the browser asks for next, and the page is
 * fetched again then (`useGalleryStamp`).
 */
async function firstGalleryPage(filter: GalleryFilter, actor: Actor) {
  const queryClient = new QueryClient();
  const parsed = galleryFilterSchema.safeParse(Object.fromEntries(galleryFilterToParams(filter)));
  if (parsed.success) {
    queryClient.setQueryData(galleryStampQuery().queryKey, await galleryStamp());
    // As /api/jobs would send it (JSON), so the cache holds the same shapes whichever way a page arrived.
    const page = JSON.parse(JSON.stringify(await listGalleryPage(parsed.data, actor))) as GalleryPage;
    queryClient.setQueryData(galleryQuery(filter).queryKey, { pages: [page], pageParams: [null] });
  }
  return dehydrate(queryClient);
}
