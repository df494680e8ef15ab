import { AppHeader } from '@/components/shell/app-header';
import { SettingsOverview } from '@/components/settings/settings-overview';
import { UpstreamStatusPanel } from '@/components/settings/upstream-status-panel';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { publicEnv, serverEnv } from '@/lib/server/env';
import { headerPerson } from '@/lib/server/auth/actor';
import { requirePageAccess } from '@/lib/server/guard';
import { CostSettingsForm } from '@/components/settings/cost-settings-form';
import { roleAllows } from '@/lib/server/auth/roles';
import { loadCostSettings } from '@/lib/server/cost/settings';
import { pricesForModel } from '@/lib/cost/prices';
import { upstreamStatus } from '@/lib/server/jobs/engine-status';

// Asks the engine on every visit: the key's state is what matters, not what it was at build time.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Settings · Overpaint' };

export default async function SettingsPage() {
  // Before anything else: the status below asks the upstream with the operator's key.
  const actor = await requirePageAccess('/settings');
  const status = await upstreamStatus();
  const { engine, model } = publicEnv();
  const env = serverEnv();
  // Only kinds and on/off reach the page: never a key, a password or a connection string.
  const facts = {
    engine,
    model,
    password: studioAccessRequired(),
    database: env.databaseUrl ? 'postgres' : 'pglite',
    blobs: env.blobs.kind,
    webhooks: Boolean(env.toapis.webhookSecret),
  } as const;
  const cost = await loadCostSettings();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader current="settings" engine={engine} model={model} signOut={facts.password} {...headerPerson(actor)} />
      <main className="mx-auto flex w-full max-w-3xl flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">Settings</h1>
        <UpstreamStatusPanel status={status} />
        <SettingsOverview facts={facts} />
        <CostSettingsForm
          model={env.toapis.model}
          prices={cost.prices}
          modelPrices={pricesForModel(cost.prices, env.toapis.model)}
          confirmAboveMicros={cost.confirmAboveMicros}
          teamBudgetMicros={cost.teamBudgetMicros}
          budgetOwner={env.authMode === 'accounts' ? 'team' : 'studio'}
          mayEdit={roleAllows(actor.role, 'admin')}
        />
      </main>
    </div>
  );
}
