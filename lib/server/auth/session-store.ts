import 'server-only';
import { createHash } from 'node:crypto';
import { eq, gt, and, lte } from 'drizzle-orm';
import { getDb } from '../storage/db';
import { studioSessions } from '../storage/schema';
import {
  createSessionToken,
  SESSION_MAX_AGE_S,
  sessionFromCookieHeader,
  studioAccessRequired,
  verifySessionToken,
} from './session';

/*
 * Sessions that the server can end. The signed cookie (session.ts) says who made it and until when; the row here
 * says it has not been signed out. Kept in the database, so every instance agrees the moment one signs a session out.
 */

function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Starts a session: a new signed token, recorded as live. Prunes sessions that have expired. */
export async function startSession(now = Date.now()): Promise<string> {
  const token = createSessionToken(now);
  const db = await getDb();
  await db.delete(studioSessions).where(lte(studioSessions.expiresAt, new Date(now)));
  await db.insert(studioSessions).values({ id: sessionId(token), expiresAt: new Date(now + SESSION_MAX_AGE_S * 1000) });
  return token;
}

/** True for a correctly signed, unexpired token that has not been signed out. */
export async function sessionIsLive(token: string | undefined, now = Date.now()): Promise<boolean> {
  if (!token || !verifySessionToken(token, now)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: studioSessions.id })
    .from(studioSessions)
    .where(and(eq(studioSessions.id, sessionId(token)), gt(studioSessions.expiresAt, new Date(now))))
    .limit(1);
  return row !== undefined;
}

/** Signs a session out on the server: its cookie no longer opens the studio anywhere. */
export async function endSession(token: string | undefined): Promise<void> {
  if (!token) return;
  const db = await getDb();
  await db.delete(studioSessions).where(eq(studioSessions.id, sessionId(token)));
}

/** Whether a request may use the studio: always when the studio is open, else with a live session cookie. */
export async function requestHasStudioAccess(request: Request): Promise<boolean> {
  if (!studioAccessRequired()) return true;
  return sessionIsLive(sessionFromCookieHeader(request.headers.get('cookie')));
}
