/**
 * Costs: the team's price table and confirmation threshold, monthly budgets, and a ledger with one row per task that
 * holds what it was estimated to cost (reserved at submit) and what it cost in the end (settled or released).
 * Amounts are integer micros (millionths of the currency unit, `lib/cost/money.ts`).
 */
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PriceTable } from '@/lib/cost/prices';

/** At most one row (`id = 'studio'`); absent means the documented default prices and no confirmation. */
export const costSettings = pgTable('cost_settings', {
  id: text('id').primaryKey(),
  prices: jsonb('prices').$type<PriceTable>().notNull(),
  /** Generate asks for a confirmation above this estimate; null means never. */
  confirmAboveMicros: bigint('confirm_above_micros', { mode: 'number' }),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Monthly budgets: `team` (the whole studio; the one budget of an open studio) and `person:<id>`. The `team` row
 * always exists once anything was reserved: every reservation locks it (`SELECT … FOR UPDATE`), so two instances
 * reserving at once take turns and cannot both spend the last of a budget. `limitMicros` null means no budget.
 */
export const budgets = pgTable('budgets', {
  scope: text('scope').primaryKey(),
  limitMicros: bigint('limit_micros', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const WORK_KINDS = ['single', 'ratio_set', 'batch'] as const;
export const COST_STATES = ['reserved', 'settled', 'released'] as const;

/**
 * One row per task, written in the same transaction as the task. No foreign key to `jobs`: money spent stays
 * spent (and on the Usage page) after a task is deleted.
 */
export const costLedger = pgTable(
  'cost_ledger',
  {
    jobId: text('job_id').primaryKey(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: WORK_KINDS }).notNull(),
    engine: text('engine', { enum: ['toapis', 'offline'] }).notNull(),
    currency: text('currency').notNull(),
    images: bigint('images', { mode: 'number' }).notNull(),
    estimateMicros: bigint('estimate_micros', { mode: 'number' }).notNull(),
    /** What upstream reported the task cost, when it did; preferred over the estimate. */
    actualMicros: bigint('actual_micros', { mode: 'number' }),
    /** reserved: in flight, counts against budgets; settled: spent; released: not billed, counts nothing. */
    state: text('state', { enum: COST_STATES }).notNull().default('reserved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('cost_ledger_created_at_idx').on(t.createdAt),
    index('cost_ledger_person_idx').on(t.personId, t.createdAt),
    index('cost_ledger_state_idx').on(t.state),
  ],
);

export type CostLedgerRow = typeof costLedger.$inferSelect;
