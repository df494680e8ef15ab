/**
 * Request budgets: how many calls of one kind this process may make upstream. ToAPIs counts per user, in separate
 * buckets for submits (300/min) and status queries (3,000/min), and a 429 costs nothing but time
 * (api-contract.md §6). One budget per kind is shared by every task in the process.
 *
 * `RequestBudget` is the seam: this file has the in-process token bucket; `lib/server/jobs/shared-budget.ts` keeps
 * the same bucket in PostgreSQL for several instances and is passed to `createToapisClient` instead.
 * Pure: no `server-only`, no I/O besides timers.
 */

export interface RequestBudget {
  /** Resolves when one request may be made now (waiting for a token, or for a pause to end). */
  take(): Promise<void>;
  /** Upstream said "not before `ms` from now" (Retry-After on a 429/503): hold every caller back that long. */
  pause(ms: number): void;
}

export interface TokenBucketOptions {
  /** Sustained rate. */
  perMinute: number;
  /** Tokens available at once (short bursts). */
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The in-process token bucket. Starts full; refills continuously at `perMinute / 60` tokens per second. */
export function createTokenBucket(options: TokenBucketOptions): RequestBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const perMs = options.perMinute / 60_000;
  let tokens = options.burst;
  let refilledAt = now();
  let pausedUntil = 0;

  function refill(): void {
    const at = now();
    tokens = Math.min(options.burst, tokens + (at - refilledAt) * perMs);
    refilledAt = at;
  }

  return {
    async take() {
      // Check and take happen in one synchronous step, so concurrent callers never share a token.
      for (;;) {
        refill();
        const pausedFor = pausedUntil - now();
        if (pausedFor > 0) {
          await sleep(pausedFor);
          continue;
        }
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await sleep(Math.max(1, Math.ceil((1 - tokens) / perMs)));
      }
    },
    pause(ms) {
      if (ms > 0) pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}

/**
 * The budgets this app keeps against ToAPIs' default group: well under the limits, so other clients of the same
 * account keep some room. Status: 1,200/min (the limit is 3,000), bursts of 20. Creates: 240/min (limit 300),
 * bursts of 5 (limit 5/s).
 */
export const DEFAULT_BUDGETS = {
  status: { perMinute: 1200, burst: 20 },
  create: { perMinute: 240, burst: 5 },
} as const;
