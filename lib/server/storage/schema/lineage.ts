/**
 * Versions: where an image came from. A reference made from a result (Use as reference, Make base)
 * remembers that result; a task records its base in `jobs.reference_ids[0]`, so a result's parent is its task's
 * base and, when that base was made from a result, that result. Edit again reopens the same base asset, so its task
 * inherits the same parent.
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { assets, jobs } from './jobs';

export const assetOrigins = pgTable(
  'asset_origins',
  {
    /** The reference made from a result. */
    assetId: text('asset_id')
      .primaryKey()
      .references(() => assets.id, { onDelete: 'cascade' }),
    /** The result it was made from: its task and position (the result asset may be shared by several rows). */
    fromJobId: text('from_job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    fromPosition: integer('from_position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('asset_origins_from_idx').on(t.fromJobId, t.fromPosition)],
);

export type AssetOriginRow = typeof assetOrigins.$inferSelect;
