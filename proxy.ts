import { NextResponse, type NextRequest } from 'next/server';
import { cookieShouldBeSecure, requestHasStudioAccess } from '@/lib/server/auth/session';
import { contentSecurityPolicy, isPublicPath } from '@/lib/server/auth/security-headers';

/*
 * Runs before every page and route (Next 16's proxy, Node.js runtime). Two jobs:
 * 1. A fresh CSP nonce per request, passed to Next in the request's CSP header so it marks its own scripts.
 * 2. With APP_PASSWORD set, page visits without a session go to /login. This is for people, not the security
 *    boundary: server actions and route handlers check the session themselves (lib/server/guard.ts), so they pass
 *    through here and answer with a typed refusal or a 401 rather than a redirect a fetch cannot use.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const https = cookieShouldBeSecure(request.headers);
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https });
  const { pathname, search } = request.nextUrl;

  const isPageVisit = (request.method === 'GET' || request.method === 'HEAD') && !request.headers.has('next-action');
  const needsLogin =
    isPageVisit && !pathname.startsWith('/api/') && !isPublicPath(pathname) && !requestHasStudioAccess(request);

  let response: NextResponse;
  if (needsLogin) {
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(login, 303);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Everything but build assets (they carry no HTML, and are public).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
