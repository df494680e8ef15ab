/** Keep unmasked pixels: for each result, the model's own output and what restoring the kept area did. */
import { integer, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { RESTORE_STATES } from '@/lib/jobs/restore';
import { assets, jobs } from './jobs';

/**
 * One row per result of a task whose mask keeps something. `job_results.asset_id` is what the gallery shows,
 * downloads, shares and zips: the restored image when there is one; `generated_asset_id` is the model's own output
 * ("As generated"), kept either way. Drift is measured against the base (lib/restore/drift.ts).
 */
export const resultRestores = pgTable(
  'result_restores',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    generatedAssetId: text('generated_asset_id')
      .notNull()
      .references(() => assets.id),
    state: text('state', { enum: RESTORE_STATES }).notNull(),
    /** Why it was not restored, in a sentence fit for the user. */
    reason: text('reason'),
    /** 0–1 share of kept pixels the model changed visibly; null when not measured. */
    changedShare: real('changed_share'),
    /** Mean absolute per-channel difference on the kept pixels, 0–255. */
    meanDelta: real('mean_delta'),
    /** The alignment applied (output pixels), for diagnosis. */
    shiftX: real('shift_x'),
    shiftY: real('shift_y'),
    scale: real('scale'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('result_restores_job_position_idx').on(t.jobId, t.position)],
);

export type ResultRestoreRow = typeof resultRestores.$inferSelect;
