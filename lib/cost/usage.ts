/**
 * The Usage page's figures, as the server sends them and the browser shows and exports them. Amounts in micros.
 * Spend counts tasks settled (their actual cost when upstream gave one, else the estimate) and tasks still in
 * flight (their reservation); released tasks were not billed and count nothing.
 */
import { z } from 'zod';
import { fromMicros } from './money';

export interface UsageFigure {
  key: string;
  label: string;
  micros: number;
  tasks: number;
}

export interface UsageTaskRow {
  jobId: string;
  /** ISO instant the task was submitted. */
  createdAt: string;
  person: string;
  kind: string;
  boards: string;
  state: 'reserved' | 'settled' | 'released';
  estimateMicros: number;
  actualMicros: number | null;
}

export interface UsageReport {
  currency: string;
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  from: string;
  to: string;
  totalMicros: number;
  /** Of the total, what is still reserved by tasks in flight. */
  inFlightMicros: number;
  /** Every day of the period, zero-filled; `cumulativeMicros` runs from the period's start. */
  byDay: { day: string; micros: number; cumulativeMicros: number }[];
  byPerson: UsageFigure[];
  byBoard: UsageFigure[];
  byKind: UsageFigure[];
  /** The team's (open studio: the studio's) monthly budget, for the chart's line; null when none. */
  budgetMicros: number | null;
  tasks: UsageTaskRow[];
}

export const KIND_LABELS: Record<string, string> = {
  single: 'Single tasks',
  ratio_set: 'Ratio sets',
  batch: 'Batches',
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date.');

/** A period the page asks for: at most a year, `from` not after `to`. */
export const usagePeriodSchema = z
  .object({ from: day, to: day })
  .refine((period) => period.from <= period.to, {
    message: 'The start of the period is after its end.',
    path: ['from'],
  })
  .refine((period) => Date.parse(period.to) - Date.parse(period.from) <= 366 * 86_400_000, {
    message: 'Pick a period of a year or less.',
    path: ['to'],
  });
export type UsagePeriod = z.infer<typeof usagePeriodSchema>;

/** This calendar month, UTC, up to today. */
export function defaultUsagePeriod(now: Date): UsagePeriod {
  const today = now.toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** Every day from `from` to `to`, inclusive. */
export function daysOf(period: UsagePeriod): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${period.from}T00:00:00Z`); t <= Date.parse(`${period.to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** One line per task, amounts in currency units; fields with commas or quotes are quoted (RFC 4180). */
export function usageCsv(report: UsageReport): string {
  const header = ['date', 'task', 'person', 'kind', 'boards', 'state', 'estimate', 'actual', 'counted', 'currency'];
  const lines = report.tasks.map((task) => {
    const counted = task.state === 'released' ? 0 : (task.actualMicros ?? task.estimateMicros);
    return [
      task.createdAt,
      task.jobId,
      task.person,
      KIND_LABELS[task.kind] ?? task.kind,
      task.boards,
      task.state,
      fromMicros(task.estimateMicros).toString(),
      task.actualMicros === null ? '' : fromMicros(task.actualMicros).toString(),
      fromMicros(counted).toString(),
      report.currency,
    ];
  });
  return [header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: prefixed so it stays text.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
