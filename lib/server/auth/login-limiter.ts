import 'server-only';

/*
 * Login attempts, rate-limited in memory (one server process per DATA_DIR, so memory is the whole picture).
 * Per client: a few failures per window. Overall: a higher cap, because the client address comes from headers a
 * caller can forge when no reverse proxy sets them, and guessing must stay slow even then.
 */

export interface LimiterOptions {
  perClient: number;
  overall: number;
  windowMs: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private overallFailures: number[] = [];

  constructor(private readonly options: LimiterOptions) {}

  check(client: string, now = Date.now()): LimitVerdict {
    const recent = this.recent(client, now);
    this.overallFailures = this.overallFailures.filter((t) => t > now - this.options.windowMs);
    const blocking =
      recent.length >= this.options.perClient
        ? recent
        : this.overallFailures.length >= this.options.overall
          ? this.overallFailures
          : null;
    if (!blocking) return { allowed: true };
    const oldest =
      blocking[blocking.length - (blocking === recent ? this.options.perClient : this.options.overall)] ?? now;
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000)) };
  }

  recordFailure(client: string, now = Date.now()): void {
    this.failures.set(client, [...this.recent(client, now), now]);
    this.overallFailures.push(now);
    // Bound memory under a spray of forged addresses.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  recordSuccess(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string, now: number): number[] {
    return (this.failures.get(client) ?? []).filter((t) => t > now - this.options.windowMs);
  }
}

const globalForLimiter = globalThis as unknown as { __overpaintLoginLimiter?: LoginLimiter };

/** The process's limiter: 5 failures per client and 50 overall per 15 minutes. */
export function loginLimiter(): LoginLimiter {
  globalForLimiter.__overpaintLoginLimiter ??= new LoginLimiter({ perClient: 5, overall: 50, windowMs: 15 * 60_000 });
  return globalForLimiter.__overpaintLoginLimiter;
}

/** Who is asking, as well as we can tell: the reverse proxy's headers, else one shared bucket. */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return headers.get('x-real-ip')?.trim() || forwarded || 'direct';
}
