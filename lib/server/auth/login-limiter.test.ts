import { describe, expect, it } from 'vitest';
import { clientKey, LoginLimiter } from './login-limiter';

describe('LoginLimiter', () => {
  const options = { perClient: 3, overall: 5, windowMs: 60_000 };

  it('blocks a client after its failures, until the window has passed', () => {
    const limiter = new LoginLimiter(options);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('a', 1_000 + i).allowed).toBe(true);
      limiter.recordFailure('a', 1_000 + i);
    }
    const verdict = limiter.check('a', 2_000);
    expect(verdict).toEqual({ allowed: false, retryAfterS: 59 });
    expect(limiter.check('b', 2_000).allowed).toBe(true);
    expect(limiter.check('a', 60_999).allowed).toBe(false);
    expect(limiter.check('a', 61_000).allowed).toBe(true);
  });

  it('caps failures overall, so forged client addresses do not make guessing fast', () => {
    const limiter = new LoginLimiter(options);
    for (let i = 0; i < 5; i++) limiter.recordFailure(`forged-${i}`, 1_000);
    expect(limiter.check('fresh', 2_000).allowed).toBe(false);
    expect(limiter.check('fresh', 61_001).allowed).toBe(true);
  });

  it('forgets a client’s failures when it signs in', () => {
    const limiter = new LoginLimiter(options);
    limiter.recordFailure('a', 1_000);
    limiter.recordFailure('a', 1_001);
    limiter.recordSuccess('a');
    limiter.recordFailure('a', 1_002);
    limiter.recordFailure('a', 1_003);
    expect(limiter.check('a', 1_004).allowed).toBe(true);
  });

  it('keys clients by the reverse proxy’s headers when present', () => {
    expect(clientKey(new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientKey(new Headers({ 'x-real-ip': '198.51.100.2', 'x-forwarded-for': '1.1.1.1' }))).toBe('198.51.100.2');
    expect(clientKey(new Headers())).toBe('direct');
  });
});
