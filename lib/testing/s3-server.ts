/**
 * An S3-compatible server on localhost for tests (s3rver, in this process), with one bucket.
 * Importable from vitest and Playwright: plain TypeScript, no `@/` alias.
 *
 *   const s3 = await startS3();            // s3.env: BLOB_STORE=s3 and every S3_* setting the app needs
 *   await s3.close();
 *
 * s3rver's traps (stack-notes): path-style URLs, its own key pair S3RVER/S3RVER, bucket names of 3+ characters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** The app's settings for this server (BLOB_STORE=s3 …). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3(bucket = 'overpaint-test'): Promise<TestS3> {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(path.join(os.tmpdir(), 'overpaint-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: {
      BLOB_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      await server.close().catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
