import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook';

const secret = 'whsec_0123456789';
const body = '{"id":"evt_1","type":"generation.completed","data":{"task_id":"tsk_1"}}';
const now = 1_768_381_063_000;
const ts = String(now / 1000);

function headers(signature: string, id = 'evt_1', timestamp = ts) {
  return new Headers({
    'X-ToAPIs-Webhook-Id': id,
    'X-ToAPIs-Webhook-Timestamp': timestamp,
    'X-ToAPIs-Webhook-Signature': signature,
  });
}

describe('verifyWebhook', () => {
  it('accepts HMAC-SHA256 over id.timestamp.body, also as the second of two signatures (secret rotation)', () => {
    const good = signWebhook(secret, 'evt_1', ts, body);
    expect(good).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, headers(good), body, now)).toEqual({ ok: true, id: 'evt_1' });
    expect(verifyWebhook(secret, headers(`v1=${'ab'.repeat(32)}, ${good}`), body, now).ok).toBe(true);
  });

  it('refuses another secret, another id, a changed body, missing headers and a malformed signature', () => {
    const good = signWebhook(secret, 'evt_1', ts, body);
    expect(verifyWebhook('other', headers(good), body, now)).toMatchObject({ ok: false, reason: 'bad signature' });
    expect(verifyWebhook(secret, headers(good, 'evt_2'), body, now).ok).toBe(false);
    expect(verifyWebhook(secret, headers(good), body.replace('completed', 'failed'), now).ok).toBe(false);
    expect(verifyWebhook(secret, new Headers(), body, now)).toMatchObject({ reason: 'missing webhook headers' });
    expect(verifyWebhook(secret, headers('v1=zz'), body, now).ok).toBe(false);
    expect(verifyWebhook(secret, headers(good.slice(3)), body, now).ok).toBe(false);
  });

  it('keeps a 5-minute window either way, with timestamps in seconds or milliseconds', () => {
    const at = (offsetS: number) => String(now / 1000 + offsetS);
    const check = (timestamp: string) =>
      verifyWebhook(secret, headers(signWebhook(secret, 'evt_1', timestamp, body), 'evt_1', timestamp), body, now);
    expect(check(at(-299)).ok).toBe(true);
    expect(check(at(299)).ok).toBe(true);
    expect(check(at(-301))).toMatchObject({ ok: false, reason: 'timestamp outside the 5-minute window' });
    expect(check(at(301)).ok).toBe(false);
    expect(check(String(now - 60_000)).ok).toBe(true);
    expect(check('not-a-time')).toMatchObject({ reason: 'bad timestamp' });
  });
});
