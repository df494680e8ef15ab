/**
 * The storage suite on a team's deployment: a real PostgreSQL server and an S3-compatible bucket (s3rver), plus
 * what only a server brings: migrations raced by instances starting together, and misconfigurations named.
 * Without PostgreSQL on this machine the file is skipped, saying why; in CI (CI=true) it fails instead.
 */
import { describe, expect, it } from 'vitest';
import { testPostgres } from '@/lib/testing/postgres';
import { startS3, type TestS3 } from '@/lib/testing/s3-server';
import { defineStorageSuite } from './storage-suite';

const postgres = await testPostgres();
if (!postgres.ok) console.warn(`[storage.postgres.test] skipped: ${postgres.reason}`);
let s3: TestS3 | undefined;

describe.skipIf(!postgres.ok)('PostgreSQL and S3', () => {
  defineStorageSuite('postgres+s3', async () => {
    if (!postgres.ok) throw new Error(postgres.reason);
    s3 = await startS3();
    return { DATABASE_URL: await postgres.pg.createDatabase(), ...s3.env };
  });

  it('applies the migrations once when several instances start together', async () => {
    if (!postgres.ok) return;
    const { openPostgres } = await import('./db');
    const url = await postgres.pg.createDatabase('overpaint_race');
    const opened = await Promise.all(Array.from({ length: 4 }, () => openPostgres(url)));
    const { rowsOf } = await import('./db');
    const applied = rowsOf<{ count: string }>(
      await opened[0]!.db.execute('select count(*)::text as count from drizzle.__drizzle_migrations'),
    );
    const { readdirSync } = await import('node:fs');
    const files = readdirSync('lib/server/storage/migrations').filter((name) => name.endsWith('.sql'));
    expect(Number(applied[0]?.count)).toBe(files.length);
    await Promise.all(opened.map((open) => open.close()));
  });

  it('names the setting when the database or the bucket cannot be used', async () => {
    if (!postgres.ok || !s3) return;
    const { openPostgres } = await import('./db');
    const { S3BlobStore } = await import('./s3-blobs');
    const dead = new URL(postgres.pg.url);
    dead.port = '1';
    await expect(openPostgres(dead.toString())).rejects.toThrow(
      /^DATABASE_URL: the PostgreSQL server cannot be reached/,
    );
    const missingDb = new URL(postgres.pg.url);
    missingDb.pathname = '/no_such_database';
    await expect(openPostgres(missingDb.toString())).rejects.toThrow(
      /^DATABASE_URL: the database named in the URL does not exist/,
    );

    const settings = {
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    };
    await expect(new S3BlobStore(settings).check()).resolves.toBeUndefined();
    await expect(new S3BlobStore({ ...settings, bucket: 'no-such-bucket' }).check()).rejects.toThrow(
      /^S3_BUCKET: the bucket "no-such-bucket" does not exist/,
    );
    await expect(new S3BlobStore({ ...settings, accessKeyId: 'NOT-A-KEY' }).check()).rejects.toThrow(
      /^S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY: /,
    );
    await expect(new S3BlobStore({ ...settings, endpoint: 'http://127.0.0.1:1' }).check()).rejects.toThrow(
      /^S3_ENDPOINT: /,
    );
  });
});
