import 'server-only';
import { sql } from 'drizzle-orm';
import { pruneEngineFiles } from '@/lib/engine/retention';
import { pruneActivity } from '../people/activity';
import { serverEnv } from '../env';
import { blobStore } from '../storage/blobs';
import { getDb, rowsOf } from '../storage/db';
import { LIVE_ASSET_IDS } from './references';

/** What one collection freed. Bytes are what the blob store and the engine gave back on disk or in the bucket. */
export interface GcReport {
  assets: number;
  blobs: number;
  blobBytes: number;
  engineTasks: number;
  engineFiles: number;
  engineBytes: number;
  webhookEvents: number;
  tempFiles: number;
  tempBytes: number;
  activityEntries: number;
  ms: number;
}

export interface GcOptions {
  /** Assets and blobs younger than this are kept even when nothing references them (uploads on their way in). */
  graceMs: number;
  /** Finished offline-engine tasks and their files are kept this long. */
  engineRetentionMs: number;
  now?: Date;
}

/** Webhook deliveries are refused after 5 minutes (lib/toapis/webhook.ts); their ids are kept far longer than that. */
const WEBHOOK_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
/** A temporary file of a write in progress is seconds old; one an hour old was left by a crash. */
const TEMP_AGE_MS = 60 * 60_000;
/** Rows deleted per statement, so one run never holds a long lock or a huge result. */
const ASSET_BATCH = 500;
const BLOB_BATCH = 500;

/**
 * Frees what nothing references any more, in an order that never frees something still in use:
 *
 * 1. asset rows older than the grace period that no job, result, draft or expansion names (`references.ts`);
 *    shares, sets and presets reach assets only through jobs, which are never deleted;
 * 2. blobs older than the grace period that no remaining asset names (as bytes or thumbnail): a blob shared by two
 *    assets lives until both are gone. Checked against the database batch by batch, right before deleting;
 * 3. the offline engine's finished tasks and files past their retention, webhook ids past replay, temporary files
 *    a crash left behind.
 *
 * Safe to run while the studio works: everything new is younger than the grace period, which must be longer than
 * the time between an upload and the draft or job that references it (seconds; the default is a day).
 */
export async function collectGarbage(options: GcOptions): Promise<GcReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.graceMs);
  const db = await getDb();
  const report: GcReport = {
    assets: 0,
    blobs: 0,
    blobBytes: 0,
    engineTasks: 0,
    engineFiles: 0,
    engineBytes: 0,
    webhookEvents: 0,
    activityEntries: 0,
    tempFiles: 0,
    tempBytes: 0,
    ms: 0,
  };

  for (;;) {
    const deleted = rowsOf<{ id: string }>(
      await db.execute(sql`
        delete from assets where id in (
          select a.id from assets a
          where a.created_at < ${cutoff.toISOString()}
            and a.id not in (select id from (${LIVE_ASSET_IDS}) as live(id) where id is not null)
          limit ${ASSET_BATCH})
        returning id`),
    );
    report.assets += deleted.length;
    if (deleted.length < ASSET_BATCH) break;
  }

  const store = blobStore();
  let batch: { key: string; size: number }[] = [];
  const sweep = async () => {
    const keys = batch.map((blob) => blob.key);
    const used = new Set(
      rowsOf<{ key: string }>(
        await db.execute(sql`
          select sha256 as key from assets where sha256 in (${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )})
          union select thumb_sha256 from assets where thumb_sha256 in (${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )})
          union select small_thumb_sha256 from assets where small_thumb_sha256 in (${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )})
          union select preview_sha256 from share_previews where preview_sha256 in (${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )})`),
      ).map((row) => row.key),
    );
    for (const blob of batch) {
      if (used.has(blob.key)) continue;
      await store.remove(blob.key);
      report.blobs += 1;
      report.blobBytes += blob.size;
    }
    batch = [];
  };
  for await (const blob of store.list()) {
    if (blob.modifiedAt >= cutoff) continue;
    batch.push(blob);
    if (batch.length >= BLOB_BATCH) await sweep();
  }
  if (batch.length > 0) await sweep();

  const abandoned = await store.removeAbandoned(new Date(now.getTime() - TEMP_AGE_MS));
  report.tempFiles += abandoned.count;
  report.tempBytes += abandoned.bytes;

  const engine = await pruneEngineFiles(serverEnv().dataDir, new Date(now.getTime() - options.engineRetentionMs), now);
  report.engineTasks = engine.tasks;
  report.engineFiles = engine.files;
  report.engineBytes = engine.bytes;

  const webhookCutoff = new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_MS);
  report.webhookEvents = rowsOf(
    await db.execute(sql`delete from webhook_events where received_at < ${webhookCutoff.toISOString()} returning id`),
  ).length;

  // The activity log of accounts mode, past ACTIVITY_RETENTION_DAYS.
  report.activityEntries = await pruneActivity(now.getTime());

  report.ms = Date.now() - started;
  return report;
}

/** The one log line a run prints: counts and bytes, nothing else. */
export function describeGcReport(report: GcReport): string {
  return (
    `[overpaint] storage collected: ${report.assets} assets, ${report.blobs} blobs (${mb(report.blobBytes)}), ` +
    `${report.engineTasks} engine tasks and ${report.engineFiles} engine files (${mb(report.engineBytes)}), ` +
    `${report.webhookEvents} webhook ids, ${report.tempFiles} temporary files (${mb(report.tempBytes)}) ` +
    `in ${report.ms} ms`
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
