/**
 * State shared by several app instances on one PostgreSQL: which instance follows which job right now
 * (leases), and the request budgets against the upstream's per-key limits, counted across all instances.
 */
import { doublePrecision, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { jobs } from './jobs';

/**
 * A job is advanced only by the instance holding its lease. A lease whose holder stopped renewing it (the instance
 * died) expires and any instance may take the job over.
 */
export const jobLeases = pgTable(
  'job_leases',
  {
    jobId: text('job_id')
      .primaryKey()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    /** The instance (a random id per process). */
    holder: text('holder').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('job_leases_holder_idx').on(table.holder)],
);

/** A token bucket per request kind (`create`, `status`), refilled on the database's clock. */
export const requestBudgets = pgTable('request_budgets', {
  name: text('name').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  refilledAt: timestamp('refilled_at', { withTimezone: true }).notNull(),
  pausedUntil: timestamp('paused_until', { withTimezone: true }).notNull(),
});
