/**
 * Monthly budgets: the period they count over and the sentence a refused submission reads. Periods are calendar
 * months in UTC, so every instance agrees on when a budget resets whatever its clock's zone.
 */
import { formatMoney } from './money';

export interface BudgetPeriod {
  /** First instant of the month (inclusive). */
  start: Date;
  /** First instant of the next month: when the budget resets. */
  resetsAt: Date;
}

export function monthPeriod(now: Date): BudgetPeriod {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, resetsAt };
}

/** "1 January 2027" */
export function formatResetDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

export interface BudgetState {
  /** Names the budget in a sentence: "the team’s monthly budget", "Ana’s monthly budget". */
  name: string;
  /** `team`, or `person:<id>` (lib/server/cost/settings.ts). */
  scope?: string;
  limitMicros: number;
  /** Spent (settled) plus reserved (in flight) this period. */
  usedMicros: number;
}

export function remainingMicros(budget: BudgetState): number {
  return Math.max(0, budget.limitMicros - budget.usedMicros);
}

/** Would spending `costMicros` more cross this budget? Reaching it exactly is allowed. */
export function wouldCross(budget: BudgetState, costMicros: number): boolean {
  return budget.usedMicros + costMicros > budget.limitMicros;
}

/**
 * "The team’s monthly budget of $10.00 has $0.40 left, and this would cost ≈ $1.20; it resets on 1 January 2027."
 */
export function budgetRefusal(budget: BudgetState, costMicros: number, currency: string, period: BudgetPeriod): string {
  const left = formatMoney(remainingMicros(budget), currency);
  const limit = formatMoney(budget.limitMicros, currency);
  const name = budget.name.charAt(0).toUpperCase() + budget.name.slice(1);
  return (
    `${name} of ${limit} has ${left} left, and this would cost ≈ ${formatMoney(costMicros, currency)}; ` +
    `it resets on ${formatResetDate(period.resetsAt)}.`
  );
}
