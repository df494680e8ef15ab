import { describe, expect, it } from 'vitest';
import { clientKey, limitVerdict, LOGIN_LIMITS, type CountedAttempt } from './login-limiter';

describe('limitVerdict', () => {
  const options = { perClient: 3, overall: 5, windowMs: 60_000 };
  const at = (client: string, ...times: number[]): CountedAttempt[] => times.map((time) => ({ client, at: time }));

  it('blocks a client after its failures, until the oldest of them leaves the window', () => {
    const attempts = at('a', 1_000, 1_001, 1_002);
    expect(limitVerdict(at('a', 1_000, 1_001), 'a', 2_000, options).allowed).toBe(true);
    expect(limitVerdict(attempts, 'a', 2_000, options)).toEqual({ allowed: false, retryAfterS: 59 });
    expect(limitVerdict(attempts, 'b', 2_000, options).allowed).toBe(true);
    expect(limitVerdict(attempts, 'a', 60_999, options).allowed).toBe(false);
    expect(limitVerdict(attempts, 'a', 61_000, options).allowed).toBe(true);
  });

  it('waits for the attempt that has to leave, not the oldest of all, when more than the limit were counted', () => {
    // Four counted (the limit was higher before a restart): one more fits only once two have left.
    const verdict = limitVerdict(at('a', 30_000, 1_000, 20_000, 10_000), 'a', 40_000, options);
    expect(verdict).toEqual({ allowed: false, retryAfterS: 30 });
  });

  it('caps failures overall, so forged client addresses do not make guessing fast', () => {
    const forged = [1, 2, 3, 4, 5].flatMap((i) => at(`forged-${i}`, 1_000));
    expect(limitVerdict(forged, 'fresh', 2_000, options)).toEqual({ allowed: false, retryAfterS: 59 });
    expect(limitVerdict(forged, 'fresh', 61_001, options).allowed).toBe(true);
    expect(limitVerdict(forged.slice(1), 'fresh', 2_000, options).allowed).toBe(true);
  });

  it('keeps the limits the studio always had: 5 per client and 50 overall per 15 minutes', () => {
    expect(LOGIN_LIMITS).toEqual({ perClient: 5, overall: 50, windowMs: 15 * 60_000 });
  });

  it('keys clients by the reverse proxy’s headers when present', () => {
    expect(clientKey(new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientKey(new Headers({ 'x-real-ip': '198.51.100.2', 'x-forwarded-for': '1.1.1.1' }))).toBe('198.51.100.2');
    expect(clientKey(new Headers())).toBe('direct');
  });
});
