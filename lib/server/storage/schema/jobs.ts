/** Jobs, the images they use and make (assets), and which result belongs to which job. */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { GenerationOptions } from '@/lib/jobs/options';
import { START_POINTS } from '@/lib/jobs/start-points';

/** Every stored image: references, masks, results. Bytes live in the blob store under `sha256`. */
export const assets = pgTable(
  'assets',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['reference', 'mask', 'result'] }).notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    /** Displayed size, after EXIF orientation. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** EXIF orientation of the stored original (1 = none); the bytes are kept as the user gave them. */
    orientation: integer('orientation').notNull().default(1),
    filename: text('filename').notNull(),
    thumbSha256: text('thumb_sha256'),
    /**
     * A result's second thumbnail, half the size, for the gallery's small tiles (`srcset`): decoding the 640 px one
     * for a 170 px tile cost the gallery's scroll more than anything else. Null for references, masks and results
     * stored before it (they are served the one thumbnail).
     */
    smallThumbSha256: text('small_thumb_sha256'),
    /** The person who uploaded or made this reference; null for results and masks, and rows from before people. */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assets_sha256_idx').on(t.sha256)],
);

/**
 * Where a job is in its life. `status` is what the user sees; `phase` is what the runner does next:
 * upload → create → poll → download → done. A job caught in `create` by a crash may or may not exist upstream.
 */
export const JOB_PHASES = ['upload', 'create', 'poll', 'download', 'done'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    /** The browser's key for one click of Generate: a retried action finds the same job. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['queued', 'in_progress', 'completed', 'failed'] }).notNull(),
    phase: text('phase', { enum: JOB_PHASES }).notNull(),
    progress: integer('progress').notNull().default(0),
    engine: text('engine', { enum: ['toapis', 'offline'] }).notNull(),
    prompt: text('prompt').notNull(),
    options: jsonb('options').$type<GenerationOptions>().notNull(),
    referenceIds: jsonb('reference_ids').$type<string[]>().notNull(),
    maskId: text('mask_id'),
    /** The Start section's mode the job was made from (`lib/jobs/start-points.ts`); null when none was chosen. */
    startPoint: text('start_point', { enum: START_POINTS }),
    upstreamId: text('upstream_id'),
    /** Result URLs upstream gave, kept until each is mirrored into our store. */
    upstreamResultUrls: jsonb('upstream_result_urls').$type<string[]>().notNull().default([]),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** Consecutive failed attempts at the current phase (network errors, 5xx), for backoff and give-up. */
    attempts: integer('attempts').notNull().default(0),
    /** Status queries made so far, for the polling schedule (soon at first, then every 5–10 s). */
    polls: integer('polls').notNull().default(0),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The person who asked for the task; null on tasks from before people (they belong to the owner). */
    createdBy: text('created_by'),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_key_idx').on(t.idempotencyKey),
    index('jobs_phase_next_check_idx').on(t.phase, t.nextCheckAt),
    index('jobs_created_at_idx').on(t.createdAt),
    index('jobs_created_by_idx').on(t.createdBy, t.createdAt),
  ],
);

export const jobResults = pgTable(
  'job_results',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id),
  },
  (t) => [uniqueIndex('job_results_job_position_idx').on(t.jobId, t.position)],
);

export type AssetRow = typeof assets.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type JobResultRow = typeof jobResults.$inferSelect;
