/**
 * A share's link preview is made once and stored: the first request renders it and keeps it in the blob store,
 * later ones (any instance) stream the stored bytes without reading or decoding the result again, and a client
 * holding it gets a 304. Through the real route handler, PGlite and the blob store in a temporary DATA_DIR.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { processSingleton } from '@/lib/process-singleton';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-og-'));
const samples = path.resolve(__dirname, '../../../../shared/samples');

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
  processSingleton('server-env', () => undefined).take();
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A completed task whose one result is a real image, shared; returns the token. */
async function sharedResult(sample = 'coffee.png'): Promise<{ token: string; sha256: string }> {
  const { getDb } = await import('../storage/db');
  const { jobs, jobResults } = await import('../storage/schema');
  const { storeGeneratedAsset } = await import('../assets');
  const { createShare } = await import('./shares');
  const db = await getDb();
  const jobId = randomUUID();
  await db.insert(jobs).values({
    id: jobId,
    idempotencyKey: randomUUID(),
    status: 'completed',
    phase: 'done',
    engine: 'offline',
    prompt: 'A red bicycle',
    options: DEFAULT_OPTIONS,
    referenceIds: [],
  });
  const asset = await storeGeneratedAsset({
    kind: 'result',
    bytes: readFileSync(path.join(samples, sample)),
    filename: 'r.png',
  });
  await db.insert(jobResults).values({ jobId, position: 0, assetId: asset.id });
  const share = await createShare({ jobId }, 'https://paint.example');
  if (!share.ok) throw new Error(share.error.message);
  return { token: share.data.url.split('/s/')[1]!, sha256: asset.sha256 };
}

async function og(token: string, headers: Record<string, string> = {}) {
  const { GET } = await import('@/app/s/[token]/og/route');
  return GET(new Request(`http://localhost/s/${token}/og`, { headers }), { params: Promise.resolve({ token }) });
}

describe('share preview images', () => {
  it('are made once, stored, then streamed from the store with an ETag and 304', async () => {
    const { blobStore } = await import('../storage/blobs');
    const { getDb } = await import('../storage/db');
    const { sharePreviews } = await import('../storage/schema');
    const { token, sha256 } = await sharedResult();
    const reads = vi.spyOn(blobStore(), 'read');

    const first = await og(token);
    expect(first.status).toBe(200);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
    expect(reads.mock.calls.filter(([key]) => key === sha256)).toHaveLength(1);
    const rows = await (await getDb()).select().from(sharePreviews);
    expect(rows).toHaveLength(1);
    expect(await blobStore().has(rows[0]!.previewSha256)).toBe(true);

    const again = await og(token);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    // Not read (nor decoded) again: the stored preview was streamed.
    expect(reads.mock.calls.filter(([key]) => key === sha256)).toHaveLength(1);

    const cached = await og(token, { 'If-None-Match': first.headers.get('etag')! });
    expect(cached.status).toBe(304);
    expect(await (await getDb()).select().from(sharePreviews)).toHaveLength(1);
    reads.mockRestore();
  });

  it('answer 429 "busy" rather than pile up renders, and 404 for an unknown token', async () => {
    const { sharedWorkLimit } = await import('../work-limit');
    const { PREVIEW_LIMIT } = await import('./preview-image');
    const { token } = await sharedResult('rocket.jpg'); // an image with no stored preview yet
    const limit = sharedWorkLimit('share-preview', PREVIEW_LIMIT);
    const held = await Promise.all(Array.from({ length: PREVIEW_LIMIT.concurrency }, () => limit.acquire()));
    const waiting = Array.from({ length: PREVIEW_LIMIT.queue }, () => limit.acquire());
    try {
      const busy = await og(token);
      expect(busy.status).toBe(429);
      expect(busy.headers.get('retry-after')).toBe('5');
    } finally {
      for (const release of held) release?.();
      for (const next of waiting) (await next)?.();
    }
    expect((await og(token)).status).toBe(200);
    expect((await og('x'.repeat(43))).status).toBe(404);
  });
});
