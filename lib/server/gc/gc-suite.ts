/**
 * The storage collector on a real database and blob store; run by the storage suite on PGlite + files and on
 * PostgreSQL + S3. Time is moved by running the collector "in the future" (`now`), since S3 cannot backdate objects.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';

const HOUR = 3_600_000;
const GRACE = 24 * HOUR;

async function asset(kind: 'reference' | 'mask' | 'result', bytes?: Buffer) {
  const { blobStore } = await import('../storage/blobs');
  const { getDb } = await import('../storage/db');
  const { assets } = await import('../storage/schema');
  const data = bytes ?? randomBytes(2_000);
  const sha256 = await blobStore().put(data);
  const thumbSha256 = kind === 'mask' ? null : await blobStore().put(randomBytes(500));
  const smallThumbSha256 = kind === 'result' ? await blobStore().put(randomBytes(300)) : null;
  const row = {
    id: randomUUID(),
    kind,
    sha256,
    thumbSha256,
    smallThumbSha256,
    mime: 'image/png',
    bytes: data.length,
    width: 1,
    height: 1,
    filename: `${kind}.png`,
  };
  await (await getDb()).insert(assets).values(row);
  return row;
}

async function exists(id: string): Promise<boolean> {
  const { findAsset } = await import('../assets');
  return (await findAsset(id)) !== null;
}

/** Runs the collector as if `aheadMs` had passed since now. */
async function collectAhead(aheadMs: number) {
  const { collectGarbage } = await import('./collect');
  return collectGarbage({ graceMs: GRACE, engineRetentionMs: 48 * HOUR, now: new Date(Date.now() + aheadMs) });
}

export function defineGcTests(label: string): void {
  describe(`${label}: storage collector`, () => {
    it('never frees what a job, result, draft or expansion references; frees the rest past the grace period', async () => {
      const { blobStore } = await import('../storage/blobs');
      const { getDb } = await import('../storage/db');
      const { drafts, jobExpansions, jobResults, jobs } = await import('../storage/schema');
      const db = await getDb();
      const jobRef = await asset('reference');
      const jobMask = await asset('mask');
      const result = await asset('result');
      const draftRef = await asset('reference');
      const draftMask = await asset('mask');
      const expandBase = await asset('reference');
      const source = await asset('reference');
      const paintedMask = await asset('mask');
      // A result nothing points at (its task gone): its bytes and both thumbnails go.
      const orphan = await asset('result');
      const oldMask = await asset('mask');
      const jobId = randomUUID();
      await db.insert(jobs).values({
        id: jobId,
        idempotencyKey: jobId,
        status: 'completed',
        phase: 'done',
        engine: 'offline',
        prompt: 'gc',
        options: DEFAULT_OPTIONS,
        referenceIds: [jobRef.id],
        maskId: jobMask.id,
      });
      await db.insert(jobResults).values({ jobId, position: 0, assetId: result.id });
      await db.insert(jobExpansions).values({
        jobId,
        sourceId: source.id,
        paintedMaskId: paintedMask.id,
        ratio: '1:1',
        placement: { x: 0.5, y: 0.5 },
        canvasWidth: 1,
        canvasHeight: 1,
        offsetX: 0,
        offsetY: 0,
      });
      await db.insert(drafts).values({
        browserId: randomUUID(),
        options: DEFAULT_OPTIONS,
        referenceIds: [draftRef.id],
        maskId: draftMask.id,
        expand: { baseId: expandBase.id, frame: { canvas: { width: 1, height: 1 }, offset: { x: 0, y: 0 } } } as never,
      });

      // Within the grace period nothing goes, referenced or not.
      await collectAhead(GRACE / 2);
      expect(await exists(orphan.id)).toBe(true);
      expect(await exists(oldMask.id)).toBe(true);

      const report = await collectAhead(2 * GRACE);
      for (const kept of [jobRef, jobMask, result, draftRef, draftMask, expandBase, source, paintedMask]) {
        expect(await exists(kept.id), `${kept.kind} ${kept.id}`).toBe(true);
        expect(await blobStore().has(kept.sha256, kept.bytes)).toBe(true);
        if (kept.thumbSha256) expect(await blobStore().has(kept.thumbSha256, 500)).toBe(true);
        if (kept.smallThumbSha256) expect(await blobStore().has(kept.smallThumbSha256, 300)).toBe(true);
      }
      for (const freed of [orphan, oldMask]) {
        expect(await exists(freed.id)).toBe(false);
        expect(await blobStore().has(freed.sha256)).toBe(false);
      }
      expect(await blobStore().has(orphan.thumbSha256!)).toBe(false);
      expect(await blobStore().has(orphan.smallThumbSha256!)).toBe(false);
      expect(report.assets).toBeGreaterThanOrEqual(2);
      expect(report.blobs).toBeGreaterThanOrEqual(3);
      expect(report.blobBytes).toBeGreaterThanOrEqual(2 * 2_000 + 500);
    });

    it('keeps a blob shared by two assets until both are gone', async () => {
      const { blobStore } = await import('../storage/blobs');
      const { getDb } = await import('../storage/db');
      const { drafts } = await import('../storage/schema');
      const { eq } = await import('drizzle-orm');
      const db = await getDb();
      const bytes = randomBytes(3_000);
      const first = await asset('result', bytes);
      const second = await asset('reference', bytes); // "Use as reference": a new row over the same bytes
      expect(second.sha256).toBe(first.sha256);
      const browserId = randomUUID();
      await db.insert(drafts).values({ browserId, options: DEFAULT_OPTIONS, referenceIds: [second.id] });

      await collectAhead(2 * GRACE);
      expect(await exists(first.id)).toBe(false);
      expect(await exists(second.id)).toBe(true);
      expect(await blobStore().has(first.sha256, bytes.length)).toBe(true);

      await db.delete(drafts).where(eq(drafts.browserId, browserId));
      await collectAhead(2 * GRACE);
      expect(await exists(second.id)).toBe(false);
      expect(await blobStore().has(first.sha256)).toBe(false);
    });

    it('prunes old webhook ids, abandoned temporary files and the offline engine’s finished tasks', async () => {
      const { getDb, rowsOf } = await import('../storage/db');
      const db = await getDb();
      const oldId = `evt-${randomUUID()}`;
      const newId = `evt-${randomUUID()}`;
      await db.execute(
        sql`insert into webhook_events (id, received_at) values (${oldId}, now() - interval '8 days'), (${newId}, now())`,
      );

      const dataDir = process.env.DATA_DIR!;
      const engine = path.join(dataDir, 'engine');
      for (const folder of ['tasks', 'uploads', 'results']) mkdirSync(path.join(engine, folder), { recursive: true });
      const task = (id: string, status: string, files: string[]) => ({
        id,
        model: 'offline-engine',
        status,
        progress: 100,
        createdAt: Math.floor(Date.now() / 1000),
        completedAt: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
        expiresAt: null,
        request: {
          prompt: '',
          size: '1:1',
          resolution: '1k',
          quality: 'low',
          n: 1,
          outputFormat: 'png',
          outputCompression: null,
          imageFiles: [files[0]],
          maskFile: null,
        },
        resultFiles: files.slice(1),
        error: null,
      });
      const done = `img_${randomBytes(12).toString('hex')}`;
      const running = `img_${randomBytes(12).toString('hex')}`;
      const doneFiles = [`up_${randomBytes(8).toString('hex')}.png`, `res_${randomBytes(8).toString('hex')}.png`];
      const runningFiles = [`up_${randomBytes(8).toString('hex')}.png`];
      writeFileSync(path.join(engine, 'tasks', `${done}.json`), JSON.stringify(task(done, 'completed', doneFiles)));
      writeFileSync(
        path.join(engine, 'tasks', `${running}.json`),
        JSON.stringify(task(running, 'in_progress', runningFiles)),
      );
      writeFileSync(path.join(engine, 'uploads', doneFiles[0]!), randomBytes(700));
      writeFileSync(path.join(engine, 'results', doneFiles[1]!), randomBytes(900));
      writeFileSync(path.join(engine, 'uploads', runningFiles[0]!), randomBytes(100));
      const blobTemp = path.join(dataDir, 'blobs', 'ab', 'cd', `${'ab'.repeat(32)}.${randomUUID()}.tmp`);
      if (process.env.BLOB_STORE !== 's3') {
        mkdirSync(path.dirname(blobTemp), { recursive: true });
        writeFileSync(blobTemp, randomBytes(1_234));
      }

      const report = await collectAhead(3 * 24 * HOUR);
      const ids = rowsOf<{ id: string }>(
        await db.execute(sql`select id from webhook_events where id in (${oldId}, ${newId})`),
      );
      expect(ids.map((row) => row.id)).toEqual([newId]);
      expect(report.webhookEvents).toBeGreaterThanOrEqual(1);
      expect(readdirSync(path.join(engine, 'tasks'))).toEqual([`${running}.json`]);
      expect(readdirSync(path.join(engine, 'uploads'))).toEqual(runningFiles);
      expect(readdirSync(path.join(engine, 'results'))).toEqual([]);
      expect(report).toMatchObject({ engineTasks: 1, engineFiles: 2, engineBytes: 1_600 });
      if (process.env.BLOB_STORE !== 's3') {
        expect(readdirSync(path.dirname(blobTemp))).toEqual([]);
        expect(report).toMatchObject({ tempFiles: 1, tempBytes: 1_234 });
      }
    });

    it('runs on one instance at a time and once per interval across instances', async () => {
      const { getDb } = await import('../storage/db');
      const { claimGc, runGcOnce } = await import('./schedule');
      const db = await getDb();
      await db.execute(sql`delete from maintenance_runs`);
      const claims = await Promise.all(Array.from({ length: 6 }, () => claimGc(60 * 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      // Held: nobody else runs it.
      expect(await runGcOnce()).toBeNull();
      expect(await runGcOnce({ force: true })).toBeNull();
      // The holder died: once its lease expires, the next instance runs it and records the run.
      await db.execute(sql`update maintenance_runs set lease_expires_at = now() - interval '1 second'`);
      const report = await runGcOnce();
      expect(report).not.toBeNull();
      // Just ran: not due again within the interval, unless asked for (npm run gc).
      expect(await runGcOnce()).toBeNull();
      expect(await runGcOnce({ force: true })).not.toBeNull();
      const { rowsOf } = await import('../storage/db');
      const [row] = rowsOf<{ last_report: Record<string, number> }>(
        await db.execute(sql`select last_report from maintenance_runs where name = 'gc'`),
      );
      expect(row?.last_report).toHaveProperty('blobs');
    });
  });
}
