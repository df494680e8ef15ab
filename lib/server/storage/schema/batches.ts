/**
 * Batches: a recipe (a task minus its base, lib/batches) run over many images. A batch keeps a copy of its recipe,
 * so editing or deleting the recipe never changes a batch under way. Each item is one image (and ratio) that
 * becomes one ordinary task; its status while submitted is its task's, read with it, never copied.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RecipeInput } from '@/lib/batches/recipe';
import { BATCH_STATES } from '@/lib/batches/progress';
import { assets, jobs } from './jobs';

export type RecipeBody = Omit<RecipeInput, 'name'>;

/** The team's saved recipes; a name is saved over, like presets. */
export const recipes = pgTable(
  'recipes',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    prompt: text('prompt').notNull(),
    options: jsonb('options').$type<RecipeBody['options']>().notNull(),
    referenceIds: jsonb('reference_ids').$type<string[]>().notNull(),
    ratios: jsonb('ratios').$type<RecipeBody['ratios']>().notNull(),
    maskRule: jsonb('mask_rule').$type<RecipeBody['maskRule']>().notNull(),
    /** The mask painted in the studio, for the `current` rule: scaled to each image. */
    maskId: text('mask_id'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recipes_name_idx').on(t.name)],
);

export const batches = pgTable(
  'batches',
  {
    id: text('id').primaryKey(),
    recipeName: text('recipe_name').notNull(),
    /** The recipe as it was when the batch started. */
    recipe: jsonb('recipe').$type<RecipeBody>().notNull(),
    maskId: text('mask_id'),
    state: text('state', { enum: BATCH_STATES }).notNull(),
    /**
     * The feeder's lease, in the row itself: one instance feeds a batch at a time, and a killed instance's batch is
     * taken over once this expires (same rule as job_leases, on the database's clock).
     */
    leaseHolder: text('lease_holder'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('batches_state_idx').on(t.state), index('batches_created_at_idx').on(t.createdAt)],
);

export const BATCH_ITEM_STATES = ['queued', 'submitted', 'failed', 'cancelled'] as const;

export const batchItems = pgTable(
  'batch_items',
  {
    id: text('id').primaryKey(),
    batchId: text('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The image, stored as a reference through the same intake as the studio's. */
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id),
    filename: text('filename').notNull(),
    /** The ratio of this item when the recipe has a ratio set. */
    ratio: text('ratio'),
    /** `submitted`: see the task. `failed` here is a failure before any task (e.g. the mask could not be made). */
    state: text('state', { enum: BATCH_ITEM_STATES }).notNull(),
    attempt: integer('attempt').notNull().default(1),
    jobId: text('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    errorMessage: text('error_message'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('batch_items_batch_position_idx').on(t.batchId, t.position),
    index('batch_items_batch_state_idx').on(t.batchId, t.state),
    index('batch_items_job_idx').on(t.jobId),
  ],
);

export type RecipeRow = typeof recipes.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;
export type BatchItemRow = typeof batchItems.$inferSelect;
