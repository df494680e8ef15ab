import { describe, expect, it } from 'vitest';
import { limitVerdict, LOGIN_LIMITS, SLOW_DOWN_MS, type CountedAttempt } from './login-limiter';

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

  it('slows everyone down past the overall cap, and never refuses a fresh client for it', () => {
    const many = [1, 2, 3, 4, 5].flatMap((i) => at(`client-${i}`, 1_000));
    expect(limitVerdict(many, 'fresh', 2_000, options)).toEqual({ allowed: true, delayMs: SLOW_DOWN_MS });
    expect(limitVerdict(many, 'fresh', 61_001, options)).toEqual({ allowed: true, delayMs: 0 });
    expect(limitVerdict(many.slice(1), 'fresh', 2_000, options)).toEqual({ allowed: true, delayMs: 0 });
  });

  it('keeps the limits the studio always had: 5 per client and 50 overall per 15 minutes', () => {
    expect(LOGIN_LIMITS).toEqual({ perClient: 5, overall: 50, windowMs: 15 * 60_000 });
  });
});
