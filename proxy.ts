import { NextResponse, type NextRequest } from 'next/server';
import { hostIsAllowed } from '@/lib/server/auth/host-check';
import { isPublicPath, contentSecurityPolicy } from '@/lib/server/auth/security-headers';
import { requestHasSignedSession, servedOverHttps } from '@/lib/server/auth/session';

/*
 * Runs before every page and route (Next 16's proxy, Node.js runtime):
 * 1. An open studio answers only to its own host names (DNS rebinding: lib/server/auth/host-check.ts).
 * 2. A fresh CSP nonce per request, passed to Next in the request's CSP header so it marks its own scripts; HSTS
 *    when served over https.
 * 3. With APP_PASSWORD set, it denies by default: without a signed session only public paths pass, page visits go
 *    to /login, and a real server-action POST goes on to its own check (lib/server/guard.ts), which answers with a
 *    typed refusal a client can show. Everything else is refused here. This is not the only check: every page,
 *    action and route decides access itself, against the live sessions in the database.
 */
export function proxy(request: NextRequest) {
  if (!hostIsAllowed(request.headers.get('host'))) {
    return new NextResponse('This studio does not answer to that host name. Set APP_URL or ALLOWED_HOSTS.', {
      status: 421,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const https = servedOverHttps(request.headers) || request.nextUrl.protocol === 'https:';
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https });

  const response = refusal(request) ?? passOn(request, nonce, csp);
  response.headers.set('Content-Security-Policy', csp);
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000');
  return response;
}

/** With APP_PASSWORD set and no signed session: where the request goes instead, or null to let it through. */
function refusal(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname) || requestHasSignedSession(request)) return null;
  // The public API authenticates with access tokens, not sessions: a request carrying one goes on to the token
  // guard (lib/server/api/token-check.ts), which decides; without one it is refused here like any other.
  if (pathname.startsWith('/api/v1/') && request.headers.has('authorization')) return null;
  const action = request.headers.has('next-action');
  // A server action is a POST with its id in Next-Action; the action's guard answers it (with a typed refusal).
  if (action && request.method === 'POST') return null;
  const isPageVisit = (request.method === 'GET' || request.method === 'HEAD') && !action;
  if (isPageVisit && !pathname.startsWith('/api/')) {
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login, 303);
  }
  return NextResponse.json(
    { error: { code: 'auth:required', message: 'Sign in to use the studio.' } },
    { status: 401, headers: { 'Cache-Control': 'no-store' } },
  );
}

function passOn(request: NextRequest, nonce: string, csp: string): NextResponse {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Everything but build assets (they carry no HTML, and are public). /_next/image is off (next.config.mjs).
  matcher: ['/((?!_next/static|favicon.ico).*)'],
};
