/**
 * Outgoing webhook signatures, the way the inbound ToAPIs webhook is checked (lib/toapis/webhook.ts):
 * HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's secret, sent as `Overpaint-Signature: v1=<hex>` with
 * `Overpaint-Timestamp` (Unix seconds) and `Overpaint-Delivery` (the delivery id, for receivers to drop replays).
 * A receiver refuses a timestamp outside the window, so a captured delivery cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DELIVERY_HEADERS = {
  id: 'overpaint-delivery',
  event: 'overpaint-event',
  timestamp: 'overpaint-timestamp',
  signature: 'overpaint-signature',
} as const;

export const REPLAY_WINDOW_MS = 5 * 60_000;

export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (the example client and the tests use it): signature and window both hold. */
export function verifyDelivery(
  secret: string,
  headers: { get(name: string): string | null },
  body: string,
  now = Date.now(),
): boolean {
  const timestamp = headers.get(DELIVERY_HEADERS.timestamp) ?? '';
  const signature = headers.get(DELIVERY_HEADERS.signature) ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > REPLAY_WINDOW_MS) return false;
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
