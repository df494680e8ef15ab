import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { nextAttemptDelay } from '@/lib/webhooks/events';
import { DELIVERY_HEADERS, signDelivery } from '@/lib/webhooks/signing';
import { serverEnv } from '../env';
import { getDb, rowsOf } from '../storage/db';
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow } from '../storage/schema';
import { webhookTargetProblem } from './address-check';
import { processSingleton } from '@/lib/process-singleton';

/*
 * Sends due deliveries, on one instance at a time: the worker holds a short lease in `maintenance_runs` (like the
 * storage collector), so several instances never send the same delivery twice. Started at boot (lib/server/boot.ts),
 * not on first use, so events are delivered in the built app even when nobody opens a page.
 */

const TASK = 'webhooks';
const LEASE_MS = 30_000;
const TICK_MS = 2_000;
const BATCH = 20;
const TIMEOUT_MS = 10_000;
const RESPONSE_CHARS = 1_000;

const holder = `${process.pid}-${randomUUID()}`;
const worker = processSingleton<{ timer: NodeJS.Timeout | null; running: boolean }>('webhook-worker', () => ({
  timer: null,
  running: false,
}));

async function claimLease(): Promise<boolean> {
  const db = await getDb();
  const expires = new Date(Date.now() + LEASE_MS).toISOString();
  const claimed = await db.execute(sql`
    insert into maintenance_runs (name, holder, lease_expires_at) values (${TASK}, ${holder}, ${expires})
    on conflict (name) do update set holder = excluded.holder, lease_expires_at = excluded.lease_expires_at
    where maintenance_runs.lease_expires_at < now() or maintenance_runs.holder = ${holder}
    returning name`);
  return rowsOf(claimed).length > 0;
}

/** One attempt: signed POST, no redirects followed, the answer's status and first KB kept for the admin. */
async function attempt(
  delivery: WebhookDeliveryRow,
  url: string,
  secret: string,
): Promise<{ status: number | null; response: string }> {
  const problem = await webhookTargetProblem(url, serverEnv().webhookAllowPrivate);
  if (problem) return { status: null, response: `Not sent: ${problem}` };
  const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const answer = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Overpaint-Webhooks/1',
        [DELIVERY_HEADERS.id]: delivery.id,
        [DELIVERY_HEADERS.event]: delivery.event,
        [DELIVERY_HEADERS.timestamp]: timestamp,
        [DELIVERY_HEADERS.signature]: signDelivery(secret, timestamp, body),
      },
      body,
    });
    const text = (await answer.text().catch(() => '')).slice(0, RESPONSE_CHARS);
    return { status: answer.status, response: text };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      status: null,
      response: timedOut ? `No answer within ${TIMEOUT_MS / 1000} s.` : 'The receiver could not be reached.',
    };
  }
}

/** Sends every due delivery once (this instance must hold the lease). Returns how many were attempted. */
export async function deliverDue(now = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(BATCH);
  for (const { delivery, url, secret } of due) {
    const { status, response } = await attempt(delivery, url, secret);
    const attempts = delivery.attempts + 1;
    const delivered = status !== null && status >= 200 && status < 300;
    const delay = delivered ? null : nextAttemptDelay(attempts, Date.now() - delivery.createdAt.getTime());
    await db
      .update(webhookDeliveries)
      .set({
        status: delivered ? 'delivered' : delay === null ? 'failed' : 'pending',
        attempts,
        lastStatus: status,
        lastResponse: response,
        lastAttemptAt: new Date(),
        nextAttemptAt: new Date(Date.now() + (delay ?? 0)),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  }
  return due.length;
}

/** One turn of the worker: deliver if this instance holds (or wins) the lease. */
export async function runWebhookWorkerOnce(): Promise<number> {
  if (!(await claimLease())) return 0;
  return deliverDue();
}

/** Starts the worker on this instance (boot.ts). */
export function startWebhookWorker(): void {
  const state = worker.get();
  if (state.timer) return;
  const tick = async () => {
    if (!state.running) {
      state.running = true;
      try {
        await runWebhookWorkerOnce();
      } catch (error) {
        console.error(`[overpaint] webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        state.running = false;
      }
    }
    state.timer = setTimeout(() => void tick(), TICK_MS);
    state.timer.unref();
  };
  state.timer = setTimeout(() => void tick(), TICK_MS);
  state.timer.unref();
}
