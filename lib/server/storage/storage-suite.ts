/**
 * The storage and runner behaviour every deployment must have, run by `storage.embedded.test.ts` (PGlite, files)
 * and `storage.postgres.test.ts` (a PostgreSQL server, an S3-compatible bucket). Not a test file itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { defineGcTests } from '../gc/gc-suite';

const samples = path.resolve(__dirname, '../../../../shared/samples');

export function defineStorageSuite(label: string, environment: () => Promise<Record<string, string>>): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-storage-'));
  let fake: FakeToapis;

  // The modules read the environment when first used, so it is set before they are imported.
  beforeAll(async () => {
    fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: 2 });
    Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: 'test-key', TOAPIS_BASE_URL: fake.url });
    Object.assign(process.env, await environment());
    // Opened here, not inside the first test: PGlite's first start (initdb, migrations, each commit synced) takes
    // tens of seconds on a loaded machine, which is set-up, not what the first test measures.
    await (await import('./db')).getDb();
  }, 240_000);

  afterAll(async () => {
    const { closeDb } = await import('./db');
    await closeDb();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => fake.control({ reset: true, completeAfterPolls: 2 }));

  describe(`${label}: blobs`, () => {
    it('stores bytes by their SHA-256, reads and streams them back, and knows what it lacks', async () => {
      const [{ blobStore }, { sha256Hex }] = await Promise.all([import('./blobs'), import('./blob-store')]);
      const store = blobStore();
      await store.check();
      const bytes = randomBytes(100_000);
      const key = await store.put(bytes);
      expect(key).toBe(sha256Hex(bytes));
      expect(await store.put(bytes)).toBe(key);
      expect(Buffer.compare(await store.read(key), bytes)).toBe(0);
      const streamed = await store.stream(key);
      expect(streamed?.size).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(await new Response(streamed!.body).arrayBuffer()), bytes)).toBe(0);
      const absent = sha256Hex(randomBytes(8));
      expect(await store.has(key)).toBe(true);
      expect(await store.has(absent)).toBe(false);
      expect(await store.stream(absent)).toBeNull();
    });

    it('does not trust a copy left short by a crash: has() says no and put() writes it whole again', async () => {
      const [{ blobStore }, { sha256Hex }] = await Promise.all([import('./blobs'), import('./blob-store')]);
      const store = blobStore();
      for (const planted of [Buffer.alloc(0), 'truncated']) {
        const bytes = randomBytes(50_000);
        const key = sha256Hex(bytes);
        await plantBlob(key, typeof planted === 'string' ? bytes.subarray(0, 1000) : planted);
        expect(await store.has(key, bytes.length)).toBe(false);
        if (planted.length === 0) expect(await store.has(key)).toBe(false);
        expect(await store.put(bytes)).toBe(key);
        expect(await store.has(key, bytes.length)).toBe(true);
        expect(await store.has(key)).toBe(true);
        expect(Buffer.compare(await store.read(key), bytes)).toBe(0);
        expect((await store.stream(key))?.size).toBe(bytes.length);
      }
    });

    it('lists what it holds and removes a blob on request, leaving the others', async () => {
      const { blobStore } = await import('./blobs');
      const store = blobStore();
      const [kept, removed] = await Promise.all([store.put(randomBytes(300)), store.put(randomBytes(400))]);
      const listed = new Map<string, number>();
      for await (const blob of store.list()) listed.set(blob.key, blob.size);
      expect(listed.get(kept)).toBe(300);
      expect(listed.get(removed)).toBe(400);
      await store.remove(removed);
      await store.remove(removed); // already gone: fine
      expect(await store.has(removed)).toBe(false);
      expect(await store.has(kept)).toBe(true);
    });

    it('stores a file larger than one multipart part intact', async () => {
      const { blobStore } = await import('./blobs');
      const bytes = randomBytes(20 * 1024 * 1024);
      const key = await blobStore().put(bytes);
      expect(Buffer.compare(await blobStore().read(key), bytes)).toBe(0);
    });
  });

  describe(`${label}: job leases`, () => {
    it('gives a job to exactly one of many instances racing for it, and to another once the lease expires', async () => {
      const { claimLeaseAs, releaseLease } = await import('../jobs/leases');
      const jobId = await insertJob();
      const holders = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
      const won = await Promise.all(holders.map((holder) => claimLeaseAs(holder, jobId, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      // A live lease held by another instance is respected; the holder itself may renew.
      const winner = holders[won.indexOf(true)]!;
      expect(await claimLeaseAs('latecomer', jobId, 60_000)).toBe(false);
      expect(await claimLeaseAs(winner, jobId, 60_000)).toBe(true);
      // The holder dies: its lease (here a very short one) runs out and the job is taken over.
      expect(await claimLeaseAs(winner, jobId, 50)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await claimLeaseAs('successor', jobId, 60_000)).toBe(true);
      await releaseLease(jobId); // not ours: nothing happens
      expect(await claimLeaseAs('third', jobId, 60_000)).toBe(false);
    });

    it('runs a task to the end under leases: one create, results in the store, no lease left behind', async () => {
      const { findAsset } = await import('../assets');
      const { blobStore } = await import('./blobs');
      const { getDb } = await import('./db');
      const { jobLeases } = await import('./schema');
      const job = await runTask(`idem-${label}-lease`, 'Leased');
      expect(job?.status).toBe('completed');
      const asset = await findAsset(job!.results[0]!.asset.id);
      expect((await blobStore().read(asset!.sha256)).subarray(1, 4).toString()).toBe('PNG');
      expect(
        fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations'),
      ).toHaveLength(1);
      expect(await (await getDb()).select().from(jobLeases).where(eq(jobLeases.jobId, job!.id))).toHaveLength(0);
    });
  });

  defineLoginAttemptsTests(label);
  defineGcTests(label);

  describe(`${label}: the account’s last refusal`, () => {
    it('is kept in the database for every instance’s settings page, until a create goes through', async () => {
      const { fakeFaults } = await import('@/lib/testing/fake-toapis/faults');
      const { upstreamStatus } = await import('../jobs/engine-status');
      const { getDb } = await import('./db');
      const { upstreamAccountProblems } = await import('./schema');
      fake.control({ faults: [fakeFaults.insufficientQuota('create')] });
      expect((await runTask(`idem-${label}-402`, 'Refused'))?.status).toBe('failed');
      const [problem] = await (await getDb()).select().from(upstreamAccountProblems);
      expect(problem).toMatchObject({ kind: 'quota' });
      expect((await upstreamStatus()).state).toBe('no_credit');
      expect((await runTask(`idem-${label}-paid`, 'Paid'))?.status).toBe('completed');
      expect(await (await getDb()).select().from(upstreamAccountProblems)).toHaveLength(0);
      expect((await upstreamStatus()).state).toBe('ok');
    });
  });

  describe(`${label}: shared request budget`, () => {
    it('makes two budgets on one database (two instances) share one bucket', async () => {
      const { createSharedBudget } = await import('../jobs/shared-budget');
      const { getDb } = await import('./db');
      const name = `test-${randomBytes(3).toString('hex')}`;
      // 600/min = one token per 100 ms, burst 2: six takes across both need ≥ 4 refills ≈ 400 ms.
      const options = { perMinute: 600, burst: 2 };
      const first = createSharedBudget(name, options, getDb);
      const second = createSharedBudget(name, options, getDb);
      const started = Date.now();
      await Promise.all([first.take(), second.take(), first.take(), second.take(), first.take(), second.take()]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      // A pause asked by one (a 429's Retry-After) holds the other back too.
      first.pause(400);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const paused = Date.now();
      await second.take();
      expect(Date.now() - paused).toBeGreaterThanOrEqual(300);
    });
  });
}

/** Submits a task with one reference and steps it under leases, as the runner would, until it is done. */
async function runTask(idempotencyKey: string, prompt: string) {
  const { submitJob } = await import('../jobs/submit');
  const { advanceNow } = await import('../jobs/runner');
  const { findJobRow, updateJob, getJobView } = await import('../jobs/repository');
  const { storeReference } = await import('../assets');
  const reference = await storeReference(new File([readFileSync(path.join(samples, 'coffee.png'))], 'coffee.png'));
  if (!reference.ok) throw new Error(reference.error.message);
  const submitted = await submitJob(
    { idempotencyKey, prompt, options: DEFAULT_OPTIONS, referenceIds: [reference.data.id] },
    null,
  );
  if (!submitted.ok) throw new Error(submitted.error.message);
  for (let step = 0; step < 20; step++) {
    const row = await findJobRow(submitted.data.id);
    if (!row || row.phase === 'done') break;
    await updateJob(row.id, { nextCheckAt: new Date(Date.now() - 1000) });
    await advanceNow(row.id);
  }
  return getJobView(submitted.data.id);
}

/** The login limiter on the database: one count for every instance. Limits small and windows short, to be quick. */
function defineLoginAttemptsTests(label: string): void {
  describe(`${label}: login attempts`, () => {
    it('lets exactly the allowed number of parallel guesses through, across connections', async () => {
      const { takeLoginAttempt } = await import('../auth/login-attempts');
      const client = `parallel-${randomBytes(3).toString('hex')}`;
      const options = { perClient: 5, overall: 50, windowMs: 60_000 };
      // Twenty at once: on PostgreSQL they run on the pool's separate connections, as on several instances.
      const verdicts = await Promise.all(Array.from({ length: 20 }, () => takeLoginAttempt(client, options)));
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
      const refused = verdicts.find((verdict) => !verdict.allowed);
      expect(refused && !refused.allowed && refused.retryAfterS).toBeGreaterThan(55);
      expect(await countAttempts(client)).toBe(5);
    });

    it('slows attempts past the overall cap, forgets a client that signs in, and lets windows expire and old rows go', async () => {
      const { forgetLoginAttempts, takeLoginAttempt } = await import('../auth/login-attempts');
      const { SLOW_DOWN_MS } = await import('../auth/login-limiter');
      const tag = randomBytes(3).toString('hex');
      const options = { perClient: 2, overall: 3, windowMs: 800 };
      await clearAttempts();
      expect((await takeLoginAttempt(`a-${tag}`, options)).allowed).toBe(true);
      expect((await takeLoginAttempt(`a-${tag}`, options)).allowed).toBe(true);
      expect((await takeLoginAttempt(`a-${tag}`, options)).allowed).toBe(false);
      // Forged addresses: past the overall cap a client never seen is slowed down, never refused, so a flood of
      // made-up clients cannot lock the right password out for everyone.
      expect(await takeLoginAttempt(`b-${tag}`, options)).toEqual({ allowed: true, delayMs: 0 });
      expect(await takeLoginAttempt(`c-${tag}`, options)).toEqual({ allowed: true, delayMs: SLOW_DOWN_MS });
      // The right password: a's attempts are forgotten, for a and for the overall count.
      await forgetLoginAttempts(`a-${tag}`);
      expect(await countAttempts(`a-${tag}`)).toBe(0);
      expect((await takeLoginAttempt(`c-${tag}`, options)).allowed).toBe(true);
      // After the window: allowed again, and the next attempt prunes the rows that left it.
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect((await takeLoginAttempt(`d-${tag}`, options)).allowed).toBe(true);
      expect(await countAttempts()).toBe(1);
    });
  });
}

async function countAttempts(client?: string): Promise<number> {
  const { getDb } = await import('./db');
  const { loginAttempts } = await import('./schema');
  const db = await getDb();
  const rows = await (client
    ? db.select().from(loginAttempts).where(eq(loginAttempts.client, client))
    : db.select().from(loginAttempts));
  return rows.length;
}

async function clearAttempts(): Promise<void> {
  const { getDb } = await import('./db');
  const { loginAttempts } = await import('./schema');
  await (await getDb()).delete(loginAttempts);
}

/** Puts bytes under a key behind the store's back, as a crash or a broken upload would leave them. */
async function plantBlob(key: string, bytes: Uint8Array): Promise<void> {
  if (process.env.BLOB_STORE === 's3') {
    const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
    const client = new S3Client({
      endpoint: process.env.S3_ENDPOINT,
      region: process.env.S3_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
    });
    const objectKey = `blobs/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
    await client.send(
      new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: objectKey, Body: Buffer.from(bytes) }),
    );
    client.destroy();
    return;
  }
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const folder = path.join(process.env.DATA_DIR!, 'blobs', key.slice(0, 2), key.slice(2, 4));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, key), bytes);
}

/** A job row to hang leases on. */
async function insertJob(): Promise<string> {
  const { insertJobOnce } = await import('../jobs/repository');
  const id = `job-${randomBytes(6).toString('hex')}`;
  await insertJobOnce({
    id,
    idempotencyKey: id,
    engine: 'toapis',
    prompt: 'lease',
    options: DEFAULT_OPTIONS,
    referenceIds: [],
    maskId: null,
  });
  return id;
}
