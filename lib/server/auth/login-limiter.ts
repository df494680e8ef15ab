import 'server-only';

/*
 * The login rate limit's arithmetic. Per client (its socket address, or what a trusted proxy says: client-address.ts):
 * a few failures per window, then refused. Overall: past a higher cap every attempt is slowed down, never refused, so
 * many clients guessing at once make guessing slow without locking the right password out for everyone.
 * The attempts themselves live in the database (login-attempts.ts), so every instance counts the same ones.
 */

export interface LimiterOptions {
  perClient: number;
  overall: number;
  windowMs: number;
}

/** 5 failures per client and 50 overall per 15 minutes. */
export const LOGIN_LIMITS: LimiterOptions = { perClient: 5, overall: 50, windowMs: 15 * 60_000 };

/** How long an attempt waits, past the overall cap, before its password is checked. */
export const SLOW_DOWN_MS = 3_000;

/** Allowed (after `delayMs`, past the overall cap), or refused for this client until `retryAfterS`. */
export type LimitVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterS: number };

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
  if (mine.length < options.perClient) {
    return { allowed: true, delayMs: recent.length >= options.overall ? SLOW_DOWN_MS : 0 };
  }
  // The attempt that has to leave the window before one more fits under the limit.
  const times = mine.sort((a, b) => a - b);
  const oldest = times[times.length - options.perClient] ?? now;
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000)) };
}
