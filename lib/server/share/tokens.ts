import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/*
 * Share tokens: 32 random bytes (256 bits) as base64url, never derived from an id. Only the SHA-256 is stored,
 * so a copy of the database does not hand out working links. A plain hash is enough: the input is random, not a
 * password, so there is nothing to guess.
 */

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HINT_LENGTH = 6;

export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenHint(token: string): string {
  return token.slice(0, HINT_LENGTH);
}

/** Cheap shape check before any database lookup. */
export function isShareToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
