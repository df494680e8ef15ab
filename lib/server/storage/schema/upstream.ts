/**
 * What the runner remembers about a job's upstream task beyond the job row: the upload URLs already made
 * (so a restart after upload re-uses them instead of uploading again), since when the task's state has been
 * unknown (502s, timeouts, status words we do not know) for the stuck limit, the webhook events already taken
 * (replay rejection), and the account's last refusal.
 */
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { jobs } from './jobs';

export const upstreamTasks = pgTable('upstream_tasks', {
  jobId: text('job_id')
    .primaryKey()
    .references(() => jobs.id, { onDelete: 'cascade' }),
  /** Upload URLs of the references, in the task's order (base first). Null until every upload succeeded. */
  imageUrls: jsonb('image_urls').$type<string[]>(),
  maskUrl: text('mask_url'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
  /** First moment of the current run of answers that told us nothing; null once a known status arrives. */
  unknownSince: timestamp('unknown_since', { withTimezone: true }),
  /** What the last such answer was ("HTTP 502", `status "thinking"`), for the reason shown when we give up. */
  lastUnknown: text('last_unknown'),
});

/** Webhook deliveries already accepted, by event id: a second delivery of one id is a replay. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_events_received_at_idx').on(t.receivedAt)],
);

/**
 * The last account-level refusal any instance met (401 key rejected, 402 out of credit), until a create goes
 * through: at most one row, so the settings page says the same whichever instance renders it.
 */
export const upstreamAccountProblems = pgTable('upstream_account_problems', {
  /** Always `key`: the one API key this deployment uses. */
  key: text('key').primaryKey(),
  kind: text('kind').$type<'auth' | 'quota'>().notNull(),
  message: text('message').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

export type UpstreamTaskRow = typeof upstreamTasks.$inferSelect;
