import { describe, expect, it } from 'vitest';
import { errorBackoffMs, galleryRefetchInterval, upstreamPollDelayMs } from './polling';

describe('upstreamPollDelayMs', () => {
  it('polls ToAPIs soon at first, then every 5–10 s with jitter', () => {
    expect(upstreamPollDelayMs('toapis', 0, () => 0.5)).toBe(3000);
    const later = [0, 0.25, 0.999].map((r) => upstreamPollDelayMs('toapis', 5, () => r));
    for (const delay of later) {
      expect(delay).toBeGreaterThanOrEqual(5000);
      expect(delay).toBeLessThan(10_000);
    }
    expect(new Set(later).size).toBe(3);
  });

  it('stays well under the 3,000 status queries a minute budget for 100 running tasks', () => {
    const perTaskPerMinute = 60_000 / upstreamPollDelayMs('toapis', 10, () => 0);
    expect(perTaskPerMinute * 100).toBeLessThanOrEqual(1200);
  });

  it('asks the loopback offline engine quickly', () => {
    expect(upstreamPollDelayMs('offline', 0)).toBeLessThanOrEqual(500);
    expect(upstreamPollDelayMs('offline', 50)).toBe(1000);
  });
});

describe('errorBackoffMs', () => {
  it('grows exponentially and is capped at a minute', () => {
    expect(errorBackoffMs(1, undefined, () => 1)).toBe(2000);
    expect(errorBackoffMs(3, undefined, () => 1)).toBe(8000);
    expect(errorBackoffMs(30, undefined, () => 1)).toBe(60_000);
    expect(errorBackoffMs(3, undefined, () => 0)).toBe(4000);
  });

  it('never retries before Retry-After', () => {
    expect(errorBackoffMs(1, 30_000, () => 0)).toBe(30_000);
  });
});

describe('galleryRefetchInterval', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

  it('stops once every job is final, and when there are none', () => {
    expect(galleryRefetchInterval(undefined, now)).toBe(false);
    expect(galleryRefetchInterval([], now)).toBe(false);
    expect(
      galleryRefetchInterval(
        [
          { status: 'completed', createdAt: at(5) },
          { status: 'failed', createdAt: at(5) },
        ],
        now,
      ),
    ).toBe(false);
  });

  it('polls every second while a young job runs, and slower for old ones', () => {
    expect(galleryRefetchInterval([{ status: 'queued', createdAt: at(2) }], now)).toBe(1000);
    expect(galleryRefetchInterval([{ status: 'in_progress', createdAt: at(600) }], now)).toBe(3000);
    expect(
      galleryRefetchInterval(
        [
          { status: 'in_progress', createdAt: at(600) },
          { status: 'completed', createdAt: at(1) },
        ],
        now,
      ),
    ).toBe(3000);
  });
});
