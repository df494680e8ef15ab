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
 *
 * The public API carries an access token instead of a session. Its large bodies (uploads) wait here, unread, while
 * the token is looked up; a valid token lets the request on to Next, anything else is answered 401 without reading
 * the body. A made-up `Bearer op_…` header therefore buys no more than any other request before login.
 */

/** The most an unauthenticated request may send: the login form, a webhook delivery. */
export const UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

export interface FrontDoorChecks {
  /** True when the bearer token is a live access token (lib/server/api/tokens.ts), injected to keep auth below api. */
  apiTokenIsValid(token: string): Promise<boolean>;
}

const BAD_TOKEN = {
  error: {
    code: 'api:token_invalid',
    message: 'This access token is not valid: it was revoked, mistyped, or its person was deactivated.',
    field: 'Authorization',
  },
};

/**
 * Decides a raw request before Next sees it. Returns true when the front door took charge of it: it was refused, or
 * it waits for its token check and `admit` hands it to Next afterwards. False: Next handles it now.
 */
export function holdAtFrontDoor(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  admit: () => void,
  checks: FrontDoorChecks,
): boolean {
  if (!studioAccessRequired()) return false;
  const url = request.url ?? '';
  if (url.startsWith('/engine/v1/')) return false;
  if (!mayCarryLargeBody(request)) return false;
  const cookie = request.headers.cookie ?? null;
  if (sharedPasswordMode() ? verifySessionToken(sessionFromCookieHeader(cookie)) : hasAccountSessionCookie(cookie))
    return false;

  const token = url.startsWith('/api/v1/')
    ? /^Bearer\s+(op_\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    : null;
  if (!token) {
    refuse(
      request,
      response,
      413,
      'text/plain; charset=utf-8',
      'Sign in first: requests before login may carry at most 64 KB.',
    );
    return true;
  }
  // Nobody reads the body meanwhile: the socket's buffers fill and TCP holds the client back.
  checks.apiTokenIsValid(token).then(
    (valid) => (valid ? admit() : refuse(request, response, 401, 'application/json', JSON.stringify(BAD_TOKEN))),
    () =>
      refuse(
        request,
        response,
        503,
        'text/plain; charset=utf-8',
        'The studio could not check the access token just now; try again shortly.',
      ),
  );
  return true;
}

function mayCarryLargeBody(request: http.IncomingMessage): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const declared = request.headers['content-length'];
  return declared !== undefined && Number(declared) > UNAUTHENTICATED_BODY_BYTES;
}

function refuse(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  status: number,
  type: string,
  body: string,
): void {
  response.writeHead(status, { 'Content-Type': type, Connection: 'close', 'Cache-Control': 'no-store' });
  response.end(body);
  // Stop reading what the client is still sending, once the answer has left.
  response.once('finish', () => request.socket.destroy());
}
