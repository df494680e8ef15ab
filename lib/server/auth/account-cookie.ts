import 'server-only';

/*
 * The session cookie of accounts mode (better-auth's, under our prefix). The proxy and the front door only ask
 * whether one is present, to send people to the sign-in page early; whether it is live is decided against the
 * database by the guard (actor.ts).
 */

export const ACCOUNT_COOKIE_PREFIX = 'overpaint';
const NAMES = [`${ACCOUNT_COOKIE_PREFIX}.session_token`, `__Secure-${ACCOUNT_COOKIE_PREFIX}.session_token`];

export function hasAccountSessionCookie(header: string | null): boolean {
  if (!header) return false;
  return header.split(';').some((part) => {
    const [name, value] = part.trim().split('=');
    return NAMES.includes(name ?? '') && Boolean(value);
  });
}
