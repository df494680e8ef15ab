import { ApiReference } from '@/components/api/api-reference';
import { AppHeader } from '@/components/shell/app-header';
import { openApiDocument } from '@/lib/api/openapi';
import { headerPerson } from '@/lib/server/auth/actor';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'API reference · Overpaint' };

/** The API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  const actor = await requirePageAccess('/settings/api');
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        current="settings"
        engine={engine}
        model={model}
        signOut={studioAccessRequired()}
        {...headerPerson(actor)}
      />
      <main className="mx-auto flex w-full max-w-3xl flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">API reference</h1>
        <ApiReference document={openApiDocument()} />
      </main>
    </div>
  );
}
