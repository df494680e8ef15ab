/** Derived images made once and kept: a shared link's preview card, by the image it was made from. */
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A link preview (`/s/<token>/og`, 1200 × 630 JPEG) per source image and rendering. The bytes live in the blob
 * store like any image; this row finds them without decoding the source again. `variant` changes when the
 * rendering does, so an old preview is never served for a new layout.
 */
export const sharePreviews = pgTable('share_previews', {
  /** `${variant}:${source sha256}`. */
  id: text('id').primaryKey(),
  previewSha256: text('preview_sha256').notNull(),
  bytes: integer('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type SharePreviewRow = typeof sharePreviews.$inferSelect;
