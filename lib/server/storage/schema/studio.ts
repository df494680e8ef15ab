/** The studio's own state: a browser's draft, a team's presets, and results deleted with a chance to undo. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ExpandFrame } from '@/lib/expand/geometry';
import type { GenerationOptions } from '@/lib/jobs/options';

/** One draft per browser (the key is a random id the browser keeps): what it was editing, restored on reload. */
export const drafts = pgTable('drafts', {
  browserId: text('browser_id').primaryKey(),
  prompt: text('prompt').notNull().default(''),
  options: jsonb('options').$type<GenerationOptions>().notNull(),
  referenceIds: jsonb('reference_ids').$type<string[]>().notNull().default([]),
  /** The painted mask as a stored PNG asset (alpha 0 = repaint); null when nothing is painted. */
  maskId: text('mask_id'),
  /** Expand canvas: the frame set on the base `baseId`; null when not expanding. */
  expand: jsonb('expand').$type<{ baseId: string; frame: ExpandFrame }>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A named set of options and a prompt prefix that a team reuses. */
export const presets = pgTable('presets', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  options: jsonb('options').$type<GenerationOptions>().notNull(),
  promptPrefix: text('prompt_prefix').notNull().default(''),
  /** The person who first saved it; null on presets from before people. */
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Results the user deleted. A row here hides the result; removing the row is Undo. Soft on purpose: the bytes are
 * content-addressed and may be shared with references made from them.
 */
export const deletedResults = pgTable(
  'deleted_results',
  {
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] }), index('deleted_results_job_idx').on(t.jobId)],
);

export type DraftRow = typeof drafts.$inferSelect;
export type PresetRow = typeof presets.$inferSelect;
