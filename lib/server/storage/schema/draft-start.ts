/** The start point a browser's draft was set up from (the Start section), kept beside the draft row. */
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { START_POINTS } from '@/lib/jobs/start-points';

// A table of its own rather than a column on `drafts`, so the draft's schema file stays untouched.
export const draftStartPoints = pgTable('draft_start_points', {
  browserId: text('browser_id').primaryKey(),
  startPoint: text('start_point', { enum: START_POINTS }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
