import type { Metadata } from 'next';
import { AppHeader } from '@/components/shell/app-header';
import { UsageView } from '@/components/usage/usage-view';
import { defaultUsagePeriod, usagePeriodSchema } from '@/lib/cost/usage';
import { headerPerson } from '@/lib/server/auth/actor';
import { studioAccessRequired } from '@/lib/server/auth/session';
import { usageReport } from '@/lib/server/cost/usage';
import { publicEnv } from '@/lib/server/env';
import { requirePageAccess } from '@/lib/server/guard';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Usage · Overpaint', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where the money went: spend per day, person, board and kind of work for a period (the URL's `from`/`to`). */
export default async function UsagePage({ searchParams }: Props) {
  const actor = await requirePageAccess('/usage');
  const params = await searchParams;
  const asked = usagePeriodSchema.safeParse({ from: params.from, to: params.to });
  const period = asked.success ? asked.data : defaultUsagePeriod(new Date());
  const problem = !asked.success && (params.from || params.to) ? (asked.error.issues[0]?.message ?? null) : null;
  const report = await usageReport(period);
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        current="usage"
        engine={engine}
        model={model}
        signOut={studioAccessRequired()}
        {...headerPerson(actor)}
      />
      <main className="mx-auto flex w-full max-w-5xl flex-col gap-4 p-4 sm:p-8">
        <h1 className="text-lg font-semibold text-zinc-50">Usage</h1>
        <UsageView report={report} problem={problem} />
      </main>
    </div>
  );
}
