import 'server-only';

/*
 * The login rate limit's arithmetic. Per client: a few failures per window. Overall: a higher cap, because the client
 * address comes from headers a caller can forge when no reverse proxy sets them, and guessing must stay slow even
 * then. The attempts themselves live in the database (login-attempts.ts), so every instance counts the same ones.
 */

export interface LimiterOptions {
  perClient: number;
  overall: number;
  windowMs: number;
}

/** 5 failures per client and 50 overall per 15 minutes. */
export const LOGIN_LIMITS: LimiterOptions = { perClient: 5, overall: 50, windowMs: 15 * 60_000 };

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

/** A counted attempt: who, and when (ms since the epoch, on the database's clock). */
export interface CountedAttempt {
  client: string;
  at: number;
}

/**
 * Whether `client` may try a password at `now`, given the attempts counted so far (any order; those outside the
 * window are ignored). Refused: how long until the oldest attempt that blocks it leaves the window.
 */
export function limitVerdict(
  attempts: readonly CountedAttempt[],
  client: string,
  now: number,
  options: LimiterOptions,
): LimitVerdict {
  const recent = attempts.filter((attempt) => attempt.at > now - options.windowMs).map((attempt) => attempt.at);
  const mine = attempts
    .filter((attempt) => attempt.client === client && attempt.at > now - options.windowMs)
    .map((attempt) => attempt.at);
  const blocking =
    mine.length >= options.perClient
      ? { times: mine, limit: options.perClient }
      : recent.length >= options.overall
        ? { times: recent, limit: options.overall }
        : null;
  if (!blocking) return { allowed: true };
  // The attempt that has to leave the window before one more fits under the limit.
  const times = blocking.times.sort((a, b) => a - b);
  const oldest = times[times.length - blocking.limit] ?? now;
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000)) };
}

/** Who is asking, as well as we can tell: the reverse proxy's headers, else one shared bucket. */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return headers.get('x-real-ip')?.trim() || forwarded || 'direct';
}
