'use server';

import type { Result } from '@/lib/errors';
import { guardAction } from '@/lib/server/guard';
import { registerWebhookEndpoint, resendWebhookDelivery } from '@/lib/server/webhooks/endpoints';
import type { WebhookEndpointView } from '@/lib/webhooks/types';

/** Admins register where events go; the answer carries the signing secret once. */
export async function registerWebhook(
  input: unknown,
): Promise<Result<{ secret: string; endpoint: WebhookEndpointView }>> {
  return guardAction('registerWebhook', 'admin', (actor) => registerWebhookEndpoint(actor, input));
}

/** Sends a delivery again now (after the receiver was fixed). */
export async function resendWebhook(id: unknown): Promise<Result<{ id: string }>> {
  return guardAction('resendWebhook', 'admin', () => resendWebhookDelivery(id));
}
