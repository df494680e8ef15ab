/**
 * Outgoing webhooks on real PGlite with a real HTTP receiver: a job reaching its final state records the event in
 * the same transaction, the worker sends it signed (checked as a receiver would), a failing receiver's delivery is
 * kept with its answer and scheduled again, and Resend sends it once the receiver is fixed. Private addresses are
 * refused unless the setting allows them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { processSingleton } from '@/lib/process-singleton';
import { verifyDelivery } from '@/lib/webhooks/signing';
import { LOCAL_OWNER } from '../auth/actor';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-webhooks-'));
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let answerWith = 200;
let server: http.Server;
let receiverUrl = '';

function useEnv(extra: Record<string, string>) {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '', AUTH_MODE: 'open', APP_PASSWORD: '', ...extra });
  processSingleton('server-env', () => undefined).take();
}

beforeAll(async () => {
  useEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' });
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response
        .writeHead(answerWith, { 'Content-Type': 'text/plain' })
        .end(answerWith === 200 ? 'thanks' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  server.close();
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function finishJob(status: 'completed' | 'failed'): Promise<string> {
  const [{ getDb }, { jobs }, { updateJobInPhase }] = await Promise.all([
    import('../storage/db'),
    import('../storage/schema'),
    import('../jobs/task-records'),
  ]);
  const id = randomUUID();
  await (await getDb()).insert(jobs).values({
    id,
    idempotencyKey: randomUUID(),
    status: 'in_progress',
    phase: 'poll',
    engine: 'offline',
    prompt: 'p',
    options: DEFAULT_OPTIONS,
    referenceIds: [],
  });
  const patch =
    status === 'completed'
      ? { phase: 'done' as const, status, progress: 100 }
      : { phase: 'done' as const, status, errorCode: 'content_policy', errorMessage: 'Refused by the model.' };
  expect(await updateJobInPhase(id, 'not_done', patch)).toBe(true);
  return id;
}

describe('outgoing webhooks', () => {
  it('refuses a private address unless the setting allows it', async () => {
    const { registerWebhookEndpoint } = await import('./endpoints');
    const refused = await registerWebhookEndpoint(LOCAL_OWNER, { url: receiverUrl, events: ['task.completed'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'webhook:invalid', field: 'url' } });
    expect(refused.ok ? '' : refused.error.message).toContain('WEBHOOK_ALLOW_PRIVATE_ADDRESSES');
    const metadata = await registerWebhookEndpoint(LOCAL_OWNER, {
      url: 'http://169.254.169.254/latest',
      events: ['task.failed'],
    });
    expect(metadata.ok).toBe(false);
  });

  it('delivers a signed event when a task completes, and retries then resends a failed one', async () => {
    useEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    const { registerWebhookEndpoint, listWebhookDeliveries, resendWebhookDelivery } = await import('./endpoints');
    const { runWebhookWorkerOnce } = await import('./worker');
    const made = await registerWebhookEndpoint(LOCAL_OWNER, {
      url: receiverUrl,
      events: ['task.completed', 'task.failed'],
    });
    if (!made.ok) throw new Error(made.error.message);

    const jobId = await finishJob('completed');
    expect(await runWebhookWorkerOnce()).toBe(1);
    const delivered = received.at(-1)!;
    const headers = { get: (name: string) => (delivered.headers[name] as string | undefined) ?? null };
    expect(verifyDelivery(made.data.secret, headers, delivered.body)).toBe(true);
    expect(verifyDelivery('whsec_wrong', headers, delivered.body)).toBe(false);
    // Outside the replay window the same delivery is refused.
    expect(verifyDelivery(made.data.secret, headers, delivered.body, Date.now() + 10 * 60_000)).toBe(false);
    expect(JSON.parse(delivered.body)).toMatchObject({
      event: 'task.completed',
      data: { taskId: jobId, status: 'completed' },
    });
    expect((await listWebhookDeliveries())[0]).toMatchObject({ status: 'delivered', lastStatus: 200, attempts: 1 });

    answerWith = 500;
    const failedJob = await finishJob('failed');
    expect(await runWebhookWorkerOnce()).toBe(1);
    const [failing] = await listWebhookDeliveries();
    expect(failing).toMatchObject({
      event: 'task.failed',
      status: 'pending',
      lastStatus: 500,
      attempts: 1,
      lastResponse: 'receiver is down',
    });
    expect(Date.parse(failing!.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing is sent.
    expect(await runWebhookWorkerOnce()).toBe(0);

    answerWith = 200;
    expect((await resendWebhookDelivery(failing!.id)).ok).toBe(true);
    expect(await runWebhookWorkerOnce()).toBe(1);
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({
      event: 'task.failed',
      data: { taskId: failedJob, error: { code: 'content_policy' } },
    });
    expect((await listWebhookDeliveries())[0]).toMatchObject({ status: 'delivered', lastStatus: 200, attempts: 2 });
  });

  it('tells once when a reservation takes a budget past 80 %', async () => {
    const [{ getDb }, schema, { insertJobReserving }] = await Promise.all([
      import('../storage/db'),
      import('../storage/schema'),
      import('../cost/ledger'),
    ]);
    const db = await getDb();
    const endpointId = randomUUID();
    await db
      .insert(schema.webhookEndpoints)
      .values({ id: endpointId, url: receiverUrl, secret: 'whsec_budget', events: ['budget.nearly_used'] });
    await db
      .insert(schema.budgets)
      .values({ scope: 'team', limitMicros: 1_000_000 })
      .onConflictDoUpdate({ target: schema.budgets.scope, set: { limitMicros: 1_000_000 } });
    const reserve = () =>
      insertJobReserving(
        db,
        {
          id: randomUUID(),
          idempotencyKey: randomUUID(),
          engine: 'toapis',
          prompt: 'p',
          options: DEFAULT_OPTIONS,
          referenceIds: [],
        },
        { personId: LOCAL_OWNER.id, kind: 'single', estimateMicros: 300_000, images: 1, currency: 'USD' },
      );
    const told = () =>
      db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.endpointId, endpointId));
    expect((await reserve()).ok).toBe(true); // 30 %
    expect((await reserve()).ok).toBe(true); // 60 %
    expect(await told()).toHaveLength(0);
    expect((await reserve()).ok).toBe(true); // 90 %: past the line
    expect((await reserve()).ok).toBe(false); // 120 %: refused, and nothing more is told
    const deliveries = await told();
    expect(deliveries.map((d) => d.payload)).toEqual([
      expect.objectContaining({
        event: 'budget.nearly_used',
        data: expect.objectContaining({ budget: 'team', limit: 1, used: 0.9, currency: 'USD' }),
      }),
    ]);
    await db.delete(schema.webhookEndpoints).where(eq(schema.webhookEndpoints.id, endpointId));
  });

  it('gives up after a day of retries', async () => {
    const { nextAttemptDelay } = await import('@/lib/webhooks/events');
    expect(nextAttemptDelay(1, 0)).toBe(30_000);
    expect(nextAttemptDelay(20, 3_600_000)).toBe(28_800_000);
    expect(nextAttemptDelay(9, 23 * 3_600_000)).toBeNull();
  });
});
