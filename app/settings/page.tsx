import { PageShell } from '@/app/_shell/page-shell';
import { AccessTokens } from '@/components/api/access-tokens';
import { WebhookSettings } from '@/components/api/webhook-settings';
import { CostSettingsForm } from '@/components/settings/cost-settings-form';
import { SettingsOverview } from '@/components/settings/settings-overview';
import { UpstreamStatusPanel } from '@/components/settings/upstream-status-panel';
import { pricesForModel } from '@/lib/cost/prices';
import { listApiTokens } from '@/lib/server/api/tokens';
import { roleAllows } from '@/lib/server/auth/roles';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { loadCostSettings } from '@/lib/server/cost/settings';
import { publicEnv, serverEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { upstreamStatus } from '@/lib/server/jobs/engine-status';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/server/webhooks/endpoints';

// Asks the engine on every visit: the key's state is what matters, not what it was at build time.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Settings · Overpaint' };

export default async function SettingsPage() {
  // Before anything else: the status below asks the upstream with the operator's key.
  const actor = await requirePageAccess('/settings');
  const isAdmin = roleAllows(actor.role, 'admin');
  const [status, cost, tokens, webhooks] = await Promise.all([
    upstreamStatus(),
    loadCostSettings(),
    listApiTokens(actor),
    isAdmin ? Promise.all([listWebhookEndpoints(), listWebhookDeliveries()]) : null,
  ]);
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
  return (
    <PageShell actor={actor} current="settings" width="narrow">
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
        mayEdit={isAdmin}
      />
      <AccessTokens initial={tokens} />
      {webhooks && <WebhookSettings endpoints={webhooks[0]} deliveries={webhooks[1]} />}
    </PageShell>
  );
}
