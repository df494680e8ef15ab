import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { WEBHOOK_EVENTS } from '@/lib/webhooks/events';
import type { WebhookDeliveryView, WebhookEndpointView } from '@/lib/webhooks/types';
import type { Actor } from '../auth/actor';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { webhookDeliveries, webhookEndpoints } from '../storage/schema';
import { webhookTargetProblem } from './address-check';

const endpointSchema = z.object({
  url: z.string().trim().min(1, 'URL: enter the address to send events to.').max(2000, 'URL: at most 2000 characters.'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'Events: choose at least one event.'),
});

/** Registers an endpoint; the answer carries its signing secret, shown once. */
export async function registerWebhookEndpoint(
  actor: Actor,
  input: unknown,
): Promise<Result<{ secret: string; endpoint: WebhookEndpointView }>> {
  const parsed = endpointSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('webhook:invalid', issue?.message ?? 'The endpoint is not valid.', {
      field: String(issue?.path[0] ?? 'url'),
    });
  }
  const problem = await webhookTargetProblem(parsed.data.url, serverEnv().webhookAllowPrivate);
  if (problem) return fail('webhook:invalid', problem, { field: 'url' });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const db = await getDb();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ id: randomUUID(), url: parsed.data.url, secret, events: parsed.data.events, createdBy: actor.id })
    .returning();
  return ok({
    secret,
    endpoint: { id: row!.id, url: row!.url, events: row!.events, createdAt: row!.createdAt.toISOString() },
  });
}

export async function listWebhookEndpoints(): Promise<WebhookEndpointView[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(isNull(webhookEndpoints.disabledAt))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((row) => ({ id: row.id, url: row.url, events: row.events, createdAt: row.createdAt.toISOString() }));
}

/** The latest deliveries with their last answer, newest first, so an admin sees what failed. */
export async function listWebhookDeliveries(limit = 50): Promise<WebhookDeliveryView[]> {
  const db = await getDb();
  const rows = await db
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  return rows.map(({ delivery, url }) => ({
    id: delivery.id,
    endpointUrl: url,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatus: delivery.lastStatus,
    lastResponse: delivery.lastResponse,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
  }));
}

/** Resend: the delivery is due again now, with a fresh day of retries counted from its first attempt. */
export async function resendWebhookDelivery(id: unknown): Promise<Result<{ id: string }>> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return fail('webhook:not_found', 'That delivery could not be found.');
  const db = await getDb();
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: new Date() })
    .where(eq(webhookDeliveries.id, parsed.data))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0 ? ok({ id: parsed.data }) : fail('webhook:not_found', 'That delivery no longer exists.');
}
