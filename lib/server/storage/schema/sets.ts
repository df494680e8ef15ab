/** Expanded canvases (outpainting) and sets: one key visual submitted in several ratios, shown as one card. */
import { index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { jobs } from './jobs';

/** A group of tasks made by one "Make variants for ratios…": the same base, prompt and options, one task a ratio. */
export const jobSets = pgTable('job_sets', {
  id: text('id').primaryKey(),
  prompt: text('prompt').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How a task's first image was made from an original by expanding its canvas. The task itself uses the padded
 * image and its mask like any other; this keeps what Edit again needs to reopen the editor exactly: the original,
 * the mask painted on it, the ratio and where the original sits.
 */
export const jobExpansions = pgTable(
  'job_expansions',
  {
    jobId: text('job_id')
      .primaryKey()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    setId: text('set_id').references(() => jobSets.id, { onDelete: 'set null' }),
    /** The reference asset the user expanded (not the padded one). */
    sourceId: text('source_id').notNull(),
    /** The mask painted on the original (its size), or null when only the new area is repainted. */
    paintedMaskId: text('painted_mask_id'),
    ratio: text('ratio').notNull(),
    placement: jsonb('placement').$type<{ x: number; y: number }>().notNull(),
    canvasWidth: integer('canvas_width').notNull(),
    canvasHeight: integer('canvas_height').notNull(),
    offsetX: integer('offset_x').notNull(),
    offsetY: integer('offset_y').notNull(),
    scale: real('scale').notNull().default(1),
    /**
     * The frame as the user set it, in the original's pixels (before any downscale): canvas size and the original's
     * offset. Edit again reopens exactly this. Null on rows from before edge dragging (the canvas was then always the
     * smallest of its ratio, so `placement` rebuilds it).
     */
    frame: jsonb('frame').$type<{ canvas: { width: number; height: number }; offset: { x: number; y: number } }>(),
  },
  (t) => [index('job_expansions_set_idx').on(t.setId)],
);

export type JobSetRow = typeof jobSets.$inferSelect;
export type JobExpansionRow = typeof jobExpansions.$inferSelect;
