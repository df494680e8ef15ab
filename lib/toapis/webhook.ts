/**
 * ToAPIs task webhooks (api-contract.md §3.6): HMAC-SHA256 over `id + "." + timestamp + "." + raw body`, sent as
 * `X-ToAPIs-Webhook-Signature: v1=<hex>[,v1=<hex>]` (two during a secret rotation), with the event id and a Unix
 * timestamp in their own headers. Pure (node:crypto only), so tests and the fake server can sign with it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  id: 'x-toapis-webhook-id',
  timestamp: 'x-toapis-webhook-timestamp',
  signature: 'x-toapis-webhook-signature',
} as const;

/** Deliveries more than this far from our clock are refused (the docs: 5 minutes). */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

export function signWebhook(secret: string, id: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookCheck = { ok: true; id: string } | { ok: false; reason: string };

/** Checks headers, timestamp window and signature. Replays (an id seen before) are the caller's check. */
export function verifyWebhook(
  secret: string,
  headers: { get(name: string): string | null },
  body: string,
  now: number = Date.now(),
): WebhookCheck {
  const id = headers.get(WEBHOOK_HEADERS.id)?.trim();
  const timestamp = headers.get(WEBHOOK_HEADERS.timestamp)?.trim();
  const signature = headers.get(WEBHOOK_HEADERS.signature);
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook headers' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  const value = Number(timestamp);
  // Documented as Unix seconds; accept milliseconds too.
  const at = value > 1e12 ? value : value * 1000;
  if (Math.abs(now - at) > WEBHOOK_TOLERANCE_MS) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice(3), 'hex');
  const matches = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return matches ? { ok: true, id } : { ok: false, reason: 'bad signature' };
}
