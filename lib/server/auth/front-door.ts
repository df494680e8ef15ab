import 'server-only';
import type http from 'node:http';
import { hasAccountSessionCookie } from './account-cookie';
import { sessionFromCookieHeader, sharedPasswordMode, studioAccessRequired, verifySessionToken } from './session';

/*
 * Bodies before login. Next buffers a request body for the proxy (up to the action limit, 52 MB) and parses a whole
 * multipart server-action body before the action's own check runs, so an unauthenticated client could make the
 * server hold megabytes per request. This runs on the raw request, before Next reads a byte: with APP_PASSWORD set,
 * a request without a signed session may carry at most UNAUTHENTICATED_BODY_BYTES (the login form needs a few
 * hundred). The offline engine's own API is exempt: it has its own secret and the job runner uploads through it.
 */

/** The most an unauthenticated request may send: the login form, a webhook delivery. */
export const UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

/** True when the request was refused (the response is already on its way). */
export function refuseLargeUnauthenticatedBody(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (!studioAccessRequired()) return false;
  if ((request.url ?? '').startsWith('/engine/v1/')) return false;
  // The public API carries a token, not a session; its routes check the token before reading a byte and cap the
  // body themselves (lib/server/api/body.ts).
  if ((request.url ?? '').startsWith('/api/v1/') && /^Bearer op_/i.test(request.headers.authorization ?? ''))
    return false;
  const declared = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (!chunked && (declared === undefined || Number(declared) <= UNAUTHENTICATED_BODY_BYTES)) return false;
  const cookie = request.headers.cookie ?? null;
  if (sharedPasswordMode() ? verifySessionToken(sessionFromCookieHeader(cookie)) : hasAccountSessionCookie(cookie))
    return false;
  response.writeHead(413, {
    'Content-Type': 'text/plain; charset=utf-8',
    Connection: 'close',
    'Cache-Control': 'no-store',
  });
  response.end('Sign in first: requests before login may carry at most 64 KB.');
  // Stop reading what the client is still sending, once the answer has left.
  response.once('finish', () => request.socket.destroy());
  return true;
}
