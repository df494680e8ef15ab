import { describe, expect, it } from 'vitest';
import { createTokenBucket, DEFAULT_BUDGETS } from './budget';

/** A fake clock: sleeping advances time, so the bucket's arithmetic is tested without real waiting. */
function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => void (t += ms),
    advance: (ms: number) => void (t += ms),
    at: () => t,
  };
}

describe('the token bucket', () => {
  it('lets a burst through at once, then holds callers to the sustained rate', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 600, burst: 5, now: c.now, sleep: c.sleep });
    const start = c.at();
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(c.at() - start).toBe(0);
    for (let i = 0; i < 10; i++) await bucket.take();
    // 10 more at 10/s take about a second.
    expect(c.at() - start).toBeGreaterThanOrEqual(990);
    expect(c.at() - start).toBeLessThanOrEqual(1010);
  });

  it('never exceeds the per-minute budget, however many callers ask at once', async () => {
    const c = clock();
    const { perMinute, burst } = DEFAULT_BUDGETS.status;
    const bucket = createTokenBucket({ perMinute, burst, now: c.now, sleep: c.sleep });
    const start = c.at();
    let taken = 0;
    while (c.at() - start < 60_000) {
      await bucket.take();
      if (c.at() - start < 60_000) taken++;
    }
    expect(taken).toBeLessThanOrEqual(perMinute + burst);
    expect(taken).toBeLessThan(3000 / 2);
    expect(DEFAULT_BUDGETS.create.perMinute).toBeLessThan(300);
  });

  it('holds every caller back while paused by a Retry-After', async () => {
    const c = clock();
    const bucket = createTokenBucket({ perMinute: 6000, burst: 10, now: c.now, sleep: c.sleep });
    bucket.pause(5000);
    const start = c.at();
    await bucket.take();
    expect(c.at() - start).toBeGreaterThanOrEqual(5000);
    bucket.pause(-1); // a nonsense pause changes nothing
    const again = c.at();
    await bucket.take();
    expect(c.at() - again).toBe(0);
  });

  it('with real timers, concurrent callers share tokens fairly and none is lost', async () => {
    const bucket = createTokenBucket({ perMinute: 60_000, burst: 3 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 13 }, () => bucket.take()));
    // 3 at once, 10 more at 1/ms: about 10 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(8);
  });
});
