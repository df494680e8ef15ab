/** Share links: a result (or a whole task) anyone with the link may see, until revoked or expired. */
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jobs } from './jobs';

export const shares = pgTable(
  'shares',
  {
    /** Our id for managing the link; never part of its URL. */
    id: text('id').primaryKey(),
    /** SHA-256 (hex) of the token in the URL; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, so the sharer can tell links apart in the list. */
    tokenHint: text('token_hint').notNull(),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    /** One result of the job, or null for all of them. */
    position: integer('position'),
    includePrompt: boolean('include_prompt').notNull().default(false),
    /** Show the task's first reference beside the result, as a before/after slider. */
    includeBefore: boolean('include_before').notNull().default(false),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The person who made the link; null on links from before people. */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('shares_token_hash_idx').on(t.tokenHash), index('shares_created_at_idx').on(t.createdAt)],
);

export type ShareRow = typeof shares.$inferSelect;
