import { PageShell } from '@/app/_shell/page-shell';
import { ApiReference } from '@/components/api/api-reference';
import { openApiDocument } from '@/lib/api/openapi';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'API reference · Overpaint' };

/** The API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  const actor = await requirePageAccess('/settings/api');
  return (
    <PageShell actor={actor} current="settings" width="narrow">
      <h1 className="text-lg font-semibold text-zinc-50">API reference</h1>
      <ApiReference document={openApiDocument()} />
    </PageShell>
  );
}
