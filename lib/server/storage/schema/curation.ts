/**
 * Curation: stars (per person), approvals (one decision per result), and boards (named collections of results),
 * with their own read-only share links. Every row about a result references `job_results`, so deleting a task
 * removes them with it; a soft-deleted result hides them until Undo (the same as its share links).
 */
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jobResults } from './jobs';

/** A person's star on a result. */
export const stars = pgTable(
  'stars',
  {
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    personId: text('person_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.position, t.personId] }),
    foreignKey({ columns: [t.jobId, t.position], foreignColumns: [jobResults.jobId, jobResults.position] }).onDelete(
      'cascade',
    ),
    index('stars_person_idx').on(t.personId),
  ],
);

export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;

/** The team's decision on a result: the latest Approve or Reject, with who and when. */
export const approvals = pgTable(
  'approvals',
  {
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    decision: text('decision', { enum: APPROVAL_DECISIONS }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.position] }),
    foreignKey({ columns: [t.jobId, t.position], foreignColumns: [jobResults.jobId, jobResults.position] }).onDelete(
      'cascade',
    ),
  ],
);

/** A named collection of results any member can make. */
export const boards = pgTable('boards', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const boardItems = pgTable(
  'board_items',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    addedBy: text('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.jobId, t.position] }),
    foreignKey({ columns: [t.jobId, t.position], foreignColumns: [jobResults.jobId, jobResults.position] }).onDelete(
      'cascade',
    ),
    index('board_items_result_idx').on(t.jobId, t.position),
  ],
);

/** A board's read-only link. Tokens work as for result links (lib/server/share/tokens.ts): only the hash is kept. */
export const boardShares = pgTable(
  'board_shares',
  {
    id: text('id').primaryKey(),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    tokenHint: text('token_hint').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('board_shares_token_hash_idx').on(t.tokenHash), index('board_shares_board_idx').on(t.boardId)],
);

export type BoardRow = typeof boards.$inferSelect;
export type BoardShareRow = typeof boardShares.$inferSelect;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
