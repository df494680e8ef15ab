import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActivitySection } from '@/components/people/activity-section';
import { InvitePanel } from '@/components/people/invite-panel';
import { InvitationList } from '@/components/people/invitation-list';
import { PeopleTable } from '@/components/people/people-table';
import { PageShell } from '@/app/_shell/page-shell';
import { serverEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';
import { describeActivity, isActivityKind } from '@/lib/people/activity-kinds';
import { listActivity } from '@/lib/server/people/activity';
import { peopleNames } from '@/lib/server/people/directory';
import { listInvitations } from '@/lib/server/people/invitations';
import { listPeopleForAdmin } from '@/lib/server/people/people';
import { loadCostSettings, personBudgets } from '@/lib/server/cost/settings';
import { fromMicros } from '@/lib/cost/money';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'People · Overpaint', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admins and the owner: who is in the workspace, invitations, roles, and the activity log (filtered by the URL). */
export default async function PeoplePage({ searchParams }: Props) {
  const actor = await requirePageAccess('/people', 'admin');
  if (serverEnv().authMode !== 'accounts') notFound();
  const params = await searchParams;
  const kind = isActivityKind(params.kind) ? params.kind : undefined;
  const person = typeof params.person === 'string' && params.person.length <= 100 ? params.person : undefined;
  const [everyone, invitations, entries, costs] = await Promise.all([
    listPeopleForAdmin(),
    listInvitations(),
    listActivity({ kind, actorId: person }),
    loadCostSettings(),
  ]);
  const budgets = await personBudgets(everyone.map((p) => p.id));
  // Names for whoever did something and whoever it was done to (a role change names its person).
  const names = await peopleNames([
    ...entries.flatMap((e) => [e.actorId, ...(typeof e.details.personId === 'string' ? [e.details.personId] : [])]),
    ...invitations.map((i) => i.createdBy),
  ]);
  return (
    <PageShell actor={actor} current="people" width="wide">
      <h1 className="text-lg font-semibold text-zinc-50">People</h1>
      <PeopleTable
        people={everyone.map((p) => {
          const budget = budgets.get(p.id);
          return { ...p, monthlyBudget: budget === undefined ? '' : String(fromMicros(budget)) };
        })}
        self={actor}
        currency={costs.prices.currency}
      />
      <InvitePanel canInviteOwner={actor.role === 'owner'} />
      <InvitationList
        invitations={invitations.map((i) => ({ ...i, createdByName: names.get(i.createdBy) ?? 'Someone' }))}
      />
      <ActivitySection
        entries={entries.map((e) => ({
          id: e.id,
          at: e.at,
          kind: e.kind,
          actorName: names.get(e.actorId) ?? 'Someone',
          what: describeActivity(e.kind, e.details, (id) => names.get(id)),
        }))}
        people={everyone.map((p) => ({ id: p.id, name: p.name }))}
        filter={{ kind: kind ?? '', person: person ?? '' }}
      />
    </PageShell>
  );
}
