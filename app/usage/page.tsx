import type { Metadata } from 'next';
import { PageShell } from '@/app/_shell/page-shell';
import { UsageView } from '@/components/usage/usage-view';
import { defaultUsagePeriod, usagePeriodSchema } from '@/lib/cost/usage';
import { usageReport } from '@/lib/server/cost/usage';
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
  return (
    <PageShell actor={actor} current="usage" width="wide">
      <h1 className="text-lg font-semibold text-zinc-50">Usage</h1>
      <UsageView report={report} problem={problem} />
    </PageShell>
  );
}
