/**
 * Housekeeping shared by every instance on one database: the storage collector (lib/server/gc) runs on one instance
 * at a time, at most once per interval across all of them, and leaves what it freed for the next reader.
 */
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const maintenanceRuns = pgTable('maintenance_runs', {
  /** The task, e.g. `gc`. */
  name: text('name').primaryKey(),
  /** The instance running it now, or the last one that did. */
  holder: text('holder').notNull(),
  /** Another instance may take the task over after this (its holder died mid-run). */
  leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  /** What the last run freed (counts and bytes), as the log line said it. */
  lastReport: jsonb('last_report').$type<Record<string, number>>(),
});
