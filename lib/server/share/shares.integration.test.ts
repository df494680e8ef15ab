/**
 * Share links through real PGlite in a temporary DATA_DIR: what a token shows, hashed storage, revoke, expiry.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { processSingleton } from '@/lib/process-singleton';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-shares-'));

beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
  processSingleton('server-env', () => undefined).take();
});

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function modules() {
  const [shares, db, schema] = await Promise.all([
    import('./shares'),
    import('../storage/db'),
    import('../storage/schema'),
  ]);
  return { ...shares, ...db, ...schema };
}

/** A completed job with `count` results, inserted directly. */
async function completedJob(count: number, prompt = 'Make it blue', referenceIds: string[] = []) {
  const { getDb, jobs, assets, jobResults } = await modules();
  const db = await getDb();
  const jobId = randomUUID();
  await db.insert(jobs).values({
    id: jobId,
    idempotencyKey: randomUUID(),
    status: 'completed',
    phase: 'done',
    engine: 'offline',
    prompt,
    options: DEFAULT_OPTIONS,
    referenceIds,
  });
  for (let position = 0; position < count; position++) {
    const assetId = randomUUID();
    await db.insert(assets).values({
      id: assetId,
      kind: 'result',
      sha256: `${position}`.padStart(64, 'a'),
      mime: 'image/png',
      bytes: 10,
      width: 64,
      height: 32,
      filename: `r${position}.png`,
    });
    await db.insert(jobResults).values({ jobId, position, assetId });
  }
  return jobId;
}

function tokenOf(url: string): string {
  return url.split('/s/')[1]!;
}

describe('share links', () => {
  it('show one result, or all of a task, by a random token that is stored only as a hash', async () => {
    const { createShare, resolveShare, getDb, shares } = await modules();
    const jobId = await completedJob(2);
    const one = await createShare({ jobId, position: 1 }, 'https://paint.example');
    const all = await createShare({ jobId }, 'https://paint.example');
    if (!one.ok || !all.ok) throw new Error('share failed');
    expect(one.data.url).toMatch(/^https:\/\/paint\.example\/s\/[A-Za-z0-9_-]{43}$/);
    expect(tokenOf(one.data.url)).not.toBe(tokenOf(all.data.url));
    expect(one.data.url).not.toContain(jobId);

    expect((await resolveShare(tokenOf(one.data.url)))?.results.map((r) => r.position)).toEqual([1]);
    expect((await resolveShare(tokenOf(all.data.url)))?.results.map((r) => r.position)).toEqual([0, 1]);
    // The prompt is the sharer's to give: left out unless chosen.
    expect((await resolveShare(tokenOf(one.data.url)))?.prompt).toBeNull();

    const db = await getDb();
    const rows = await db.select().from(shares);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(tokenOf(one.data.url));
    expect(stored).not.toContain(tokenOf(all.data.url));
  });

  it('refuse what has no image, and tokens that were never made', async () => {
    const { createShare, resolveShare } = await modules();
    const jobId = await completedJob(1);
    expect(await createShare({ jobId, position: 3 }, 'http://x')).toMatchObject({
      ok: false,
      error: { code: 'share:not_found' },
    });
    expect(await createShare({ jobId: randomUUID() }, 'http://x')).toMatchObject({ ok: false });
    expect(await createShare({ jobId, expiry: 'forever' }, 'http://x')).toMatchObject({
      ok: false,
      error: { code: 'form:invalid' },
    });
    expect(await resolveShare('A'.repeat(43))).toBeNull();
    expect(await resolveShare('../../etc/passwd')).toBeNull();
  });

  it('show the prompt once chosen, stop at once when revoked, and stop when expired', async () => {
    const { createShare, updateShare, revokeShare, resolveShare, listShares } = await modules();
    const jobId = await completedJob(1, 'A red door');
    const made = await createShare({ jobId, position: 0, expiry: '1d' }, 'http://x');
    if (!made.ok) throw new Error('share failed');
    const token = tokenOf(made.data.url);
    const { id } = made.data.share;

    expect((await updateShare({ id, includePrompt: true })).ok).toBe(true);
    expect((await resolveShare(token))?.prompt).toBe('A red door');

    const day = 24 * 60 * 60 * 1000;
    expect(await resolveShare(token, new Date(Date.now() + day - 60_000))).not.toBeNull();
    expect(await resolveShare(token, new Date(Date.now() + day + 60_000))).toBeNull();
    expect((await updateShare({ id, expiry: 'never' })).ok).toBe(true);
    expect(await resolveShare(token, new Date(Date.now() + 400 * day))).not.toBeNull();

    const revoked = await revokeShare(id);
    expect(revoked).toMatchObject({ ok: true, data: { status: 'revoked' } });
    expect(await resolveShare(token)).toBeNull();
    // Nothing un-revokes a link.
    await updateShare({ id, expiry: '30d' });
    expect(await resolveShare(token)).toBeNull();

    const listed = (await listShares()).find((s) => s.id === id);
    expect(listed).toMatchObject({
      status: 'revoked',
      includePrompt: true,
      prompt: 'A red door',
      tokenHint: token.slice(0, 6),
    });
    expect(listed?.thumbUrl).toMatch(/^\/api\/assets\/[0-9a-f-]{36}\?variant=thumb$/);
  });

  it('share the original only when the sharer chooses a before/after view', async () => {
    const { createShare, updateShare, resolveShare, getDb, assets } = await modules();
    const baseId = randomUUID();
    const db = await getDb();
    await db.insert(assets).values({
      id: baseId,
      kind: 'reference',
      sha256: 'b'.repeat(64),
      mime: 'image/jpeg',
      bytes: 10,
      width: 64,
      height: 32,
      filename: 'holiday.jpg',
    });
    const jobId = await completedJob(1, 'Sunset', [baseId]);
    const made = await createShare({ jobId, position: 0 }, 'http://x');
    if (!made.ok) throw new Error('share failed');
    const token = tokenOf(made.data.url);
    expect((await resolveShare(token))?.before).toBeNull();
    await updateShare({ id: made.data.share.id, includeBefore: true });
    expect((await resolveShare(token))?.before?.id).toBe(baseId);
  });

  it('stop showing a deleted result at once, refuse to share it anew, and show it again after Undo', async () => {
    const { createShare, resolveShare } = await modules();
    const { deleteResult, restoreResult } = await import('../gallery/list');
    const jobId = await completedJob(2);
    const one = await createShare({ jobId, position: 0 }, 'https://paint.example');
    const all = await createShare({ jobId }, 'https://paint.example');
    if (!one.ok || !all.ok) throw new Error('share failed');

    await deleteResult(jobId, 0);
    expect(await resolveShare(tokenOf(one.data.url))).toBeNull();
    expect((await resolveShare(tokenOf(all.data.url)))?.results.map((r) => r.position)).toEqual([1]);
    const again = await createShare({ jobId, position: 0 }, 'https://paint.example');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/deleted/);

    await deleteResult(jobId, 1);
    expect(await resolveShare(tokenOf(all.data.url))).toBeNull();
    expect((await createShare({ jobId }, 'https://paint.example')).ok).toBe(false);

    await restoreResult(jobId, 0);
    expect((await resolveShare(tokenOf(one.data.url)))?.results.map((r) => r.position)).toEqual([0]);
  });
});
