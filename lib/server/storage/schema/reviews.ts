/**
 * Review links: a set of candidates (a task's results, a ratio set's, a board's) sent to a client who picks,
 * approves, asks for changes and comments without an account. Tokens work as for share links (only the hash kept).
 * Every row about a candidate references `review_items`, which references `job_results`: deleting a task takes its
 * candidates, decisions and comments along. None of these tables keeps an asset id or a blob hash.
 */
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { jobResults } from './jobs';

export const REVIEW_KINDS = ['task', 'set', 'board'] as const;
export const REVIEW_VERDICTS = ['approved', 'changes_requested'] as const;

export const reviews = pgTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    /** SHA-256 (hex) of the token in the URL, as for share links. */
    tokenHash: text('token_hash').notNull(),
    tokenHint: text('token_hint').notNull(),
    /** What was shared for review, and its id (a task, a ratio set or a board); the candidates are fixed at creation. */
    kind: text('kind', { enum: REVIEW_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    title: text('title').notNull(),
    /** Show each task's base beside its results (before/after). */
    includeBefore: boolean('include_before').notNull().default(false),
    /** Text drawn over a candidate's review image until it is approved; null for none. */
    watermark: text('watermark'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Closed: the page shows the outcome, read-only, until reopened. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('reviews_token_hash_idx').on(t.tokenHash), index('reviews_created_at_idx').on(t.createdAt)],
);

/** The candidates of a review, in the order the page shows them. */
export const reviewItems = pgTable(
  'review_items',
  {
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.jobId, t.position] }),
    foreignKey({ columns: [t.jobId, t.position], foreignColumns: [jobResults.jobId, jobResults.position] }).onDelete(
      'cascade',
    ),
    index('review_items_result_idx').on(t.jobId, t.position),
  ],
);

/** A person reviewing through the link: a name they typed, and the hash of the key in their cookie. */
export const reviewers = pgTable(
  'reviewers',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reviewers_key_hash_idx').on(t.keyHash), index('reviewers_review_idx').on(t.reviewId)],
);

/** One reviewer's Pick and verdict on one candidate (the latest of each, with when). */
export const reviewDecisions = pgTable(
  'review_decisions',
  {
    reviewId: text('review_id').notNull(),
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    reviewerId: text('reviewer_id')
      .notNull()
      .references(() => reviewers.id, { onDelete: 'cascade' }),
    picked: boolean('picked').notNull().default(false),
    pickedAt: timestamp('picked_at', { withTimezone: true }),
    verdict: text('verdict', { enum: REVIEW_VERDICTS }),
    verdictAt: timestamp('verdict_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.jobId, t.position, t.reviewerId] }),
    foreignKey({
      columns: [t.reviewId, t.jobId, t.position],
      foreignColumns: [reviewItems.reviewId, reviewItems.jobId, reviewItems.position],
    }).onDelete('cascade'),
    index('review_decisions_result_idx').on(t.jobId, t.position),
  ],
);

/**
 * A comment on a candidate, from a reviewer or (a reply) from the studio; plain text, optionally pinned to a point
 * of the image (fractions of its width and height, 0–1).
 */
export const reviewComments = pgTable(
  'review_comments',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id').notNull(),
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    /** The reviewer who wrote it, or null for a studio reply. */
    reviewerId: text('reviewer_id').references(() => reviewers.id, { onDelete: 'cascade' }),
    /** The studio person who replied, for a studio reply. */
    personId: text('person_id'),
    replyTo: text('reply_to'),
    body: text('body').notNull(),
    pinX: real('pin_x'),
    pinY: real('pin_y'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.reviewId, t.jobId, t.position],
      foreignColumns: [reviewItems.reviewId, reviewItems.jobId, reviewItems.position],
    }).onDelete('cascade'),
    index('review_comments_review_idx').on(t.reviewId, t.createdAt),
  ],
);

/** Requests counted by the review rate limit: per link and per address, pruned once out of the window. */
export const reviewHits = pgTable(
  'review_hits',
  {
    id: text('id').primaryKey(),
    /** The review's id, or '-' for a token that matched nothing. */
    link: text('link').notNull(),
    client: text('client').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('review_hits_link_idx').on(t.link, t.at),
    index('review_hits_client_idx').on(t.client, t.at),
    index('review_hits_at_idx').on(t.at),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
export type ReviewerRow = typeof reviewers.$inferSelect;
export type ReviewCommentRow = typeof reviewComments.$inferSelect;
export type ReviewDecisionRow = typeof reviewDecisions.$inferSelect;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
