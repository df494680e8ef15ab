import 'server-only';
import { randomUUID } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import type { WebhookEvent } from '@/lib/webhooks/events';
import type { Db } from '../storage/db';
import { webhookDeliveries, webhookEndpoints } from '../storage/schema';

/**
 * Records one event for every endpoint subscribed to it, in the caller's transaction: the code that moves a job to
 * its final state calls this in the same statement batch (jobs/task-records.ts), so an event exists exactly when
 * the state changed, and the worker (worker.ts) delivers it from the database on whichever instance holds the lease.
 */
export async function enqueueWebhookEvent(
  db: Db,
  event: WebhookEvent,
  payload: Record<string, unknown>,
): Promise<void> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(isNull(webhookEndpoints.disabledAt));
  const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(event));
  if (subscribed.length === 0) return;
  const at = new Date().toISOString();
  await db.insert(webhookDeliveries).values(
    subscribed.map((endpoint) => ({
      id: randomUUID(),
      endpointId: endpoint.id,
      event,
      payload: { event, at, data: payload },
    })),
  );
}
