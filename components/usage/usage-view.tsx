'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney, fromMicros } from '@/lib/cost/money';
import { usageCsv, type UsageFigure, type UsageReport } from '@/lib/cost/usage';

interface UsageViewProps {
  report: UsageReport & { truncated: boolean };
  /** Why the period in the URL was not used, when it was not. */
  problem: string | null;
}

/** The Usage page: period choice, the chart (with the figures as a table too), breakdowns and CSV export. */
export function UsageView({ report, problem }: UsageViewProps) {
  const money = (micros: number) => formatMoney(micros, report.currency);
  const chartData = report.byDay.map((day) => ({
    day: day.day.slice(5),
    spend: fromMicros(day.micros),
    cumulative: fromMicros(day.cumulativeMicros),
  }));

  function exportCsv() {
    const url = URL.createObjectURL(new Blob([usageCsv(report)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `overpaint-usage-${report.from}-to-${report.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <div className="flex flex-col gap-4">
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4"
      >
        <label className="text-sm text-zinc-200">
          From
          <input
            name="from"
            type="date"
            defaultValue={report.from}
            className="ml-2 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-100"
          />
        </label>
        <label className="text-sm text-zinc-200">
          To
          <input
            name="to"
            type="date"
            defaultValue={report.to}
            className="ml-2 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-100"
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700"
        >
          Show period
        </button>
        <button
          type="button"
          onClick={exportCsv}
          className="ml-auto rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-600"
        >
          Export CSV
        </button>
        {problem && (
          <p role="alert" className="w-full text-sm text-red-300">
            {problem} Showing this month instead.
          </p>
        )}
      </form>

      <section aria-labelledby="usage-total" className="rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4">
        <h2 id="usage-total" className="text-base font-semibold text-zinc-50">
          Spend from {report.from} to {report.to}
        </h2>
        <p className="mt-1 text-2xl font-semibold tabular-nums text-zinc-50" data-usage-total>
          ≈ {money(report.totalMicros)}
        </p>
        <p className="text-sm text-zinc-400">
          Estimates, or the actual cost where the image service reported one
          {report.inFlightMicros > 0
            ? `; ${money(report.inFlightMicros)} of it is reserved by tasks still running`
            : ''}
          .
          {report.budgetMicros !== null
            ? ` Monthly budget: ${money(report.budgetMicros)}.`
            : ' No monthly budget is set.'}
        </p>
        {report.truncated && (
          <p className="text-sm text-amber-200">Only the first 50,000 tasks are counted; pick a shorter period.</p>
        )}
        {/* The chart is a picture of the table below; assistive tech reads the table. */}
        <div className="mt-4 h-64" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              data={chartData}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              // The table below is what keyboard and screen reader users get; the picture takes no focus.
              accessibilityLayer={false}
            >
              <CartesianGrid stroke="#27272a" vertical={false} />
              <XAxis dataKey="day" stroke="#a1a1aa" fontSize={12} />
              <YAxis stroke="#a1a1aa" fontSize={12} width={56} />
              <Tooltip
                contentStyle={{ background: '#18181b', border: '1px solid #3f3f46', color: '#fafafa' }}
                formatter={(value) => formatMoney(Math.round(Number(value) * 1_000_000), report.currency)}
              />
              <Bar dataKey="spend" name="Spend that day" fill="#8b5cf6" radius={[3, 3, 0, 0]} />
              <Line dataKey="cumulative" name="Spend so far" stroke="#a1a1aa" dot={false} strokeWidth={2} />
              {report.budgetMicros !== null && (
                <ReferenceLine
                  y={fromMicros(report.budgetMicros)}
                  stroke="#f59e0b"
                  strokeDasharray="6 4"
                  label={{ value: 'Monthly budget', fill: '#f59e0b', fontSize: 12, position: 'insideTopLeft' }}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <details className="mt-3 text-sm text-zinc-300">
          <summary className="cursor-pointer">Spend per day as a table</summary>
          <table className="mt-2 w-full text-sm tabular-nums">
            <caption className="sr-only">Spend per day</caption>
            <thead>
              <tr className="text-left text-xs text-zinc-400">
                <th scope="col">Day</th>
                <th scope="col">Spend that day</th>
                <th scope="col">Spend so far</th>
              </tr>
            </thead>
            <tbody>
              {report.byDay.map((day) => (
                <tr key={day.day}>
                  <th scope="row" className="text-left font-normal">
                    {day.day}
                  </th>
                  <td>{money(day.micros)}</td>
                  <td>{money(day.cumulativeMicros)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <div className="grid gap-4 md:grid-cols-3">
        <Breakdown title="Per person" figures={report.byPerson} money={money} />
        <Breakdown title="Per kind of work" figures={report.byKind} money={money} />
        <Breakdown
          title="Per board"
          figures={report.byBoard}
          money={money}
          empty="No result of this period is on a board."
        />
      </div>
    </div>
  );
}

function Breakdown({
  title,
  figures,
  money,
  empty = 'Nothing spent in this period.',
}: {
  title: string;
  figures: UsageFigure[];
  money: (micros: number) => string;
  empty?: string;
}) {
  return (
    <section aria-label={title} className="rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4">
      <h2 className="text-sm font-semibold text-zinc-50">{title}</h2>
      {figures.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-400">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-sm tabular-nums">
          <thead className="sr-only">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Tasks</th>
              <th scope="col">Spend</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((figure) => (
              <tr key={figure.key}>
                <th scope="row" className="py-0.5 text-left font-normal text-zinc-200">
                  {figure.label}
                </th>
                <td className="text-right text-zinc-400">
                  {figure.tasks} {figure.tasks === 1 ? 'task' : 'tasks'}
                </td>
                <td className="text-right text-zinc-100">{money(figure.micros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
