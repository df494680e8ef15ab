import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { fail, type Result } from '@/lib/errors';
import { SESSION_COOKIE, studioAccessRequired } from './auth/session';
import { requestHasStudioAccess, sessionIsLive } from './auth/session-store';

/*
 * Every page calls `requirePageAccess` (or is public on purpose), and every server action and route handler goes
 * through one of the two wrappers below. Actions and routes are public
 * endpoints: this is the one place that decides who may call them (with APP_PASSWORD set, a valid session cookie;
 * the proxy's redirect to /login is a convenience for pages, not the check) and that turns an unexpected failure
 * into a sentence for the user, with the detail logged here only.
 */

export type Access = 'studio' | 'public';

const SIGN_IN_AGAIN = 'Your session has ended. Reload the page and sign in again; your work on the server is kept.';

/** Whether the caller of the current server action or page render may use the studio. */
export async function hasStudioAccess(): Promise<boolean> {
  if (!studioAccessRequired()) return true;
  return sessionIsLive((await cookies()).get(SESSION_COOKIE)?.value);
}

/**
 * The check at the top of every studio page: without access, to /login (then back to `path`). The proxy redirects
 * too, but it is not the boundary: a page render is reachable by other means (an action POST renders the page).
 */
export async function requirePageAccess(path: string): Promise<void> {
  if (await hasStudioAccess()) return;
  redirect(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`);
}

/**
 * Runs a server action body: access check (unless `access: 'public'`, for the login itself), then `run`;
 * an unexpected throw becomes a typed failure.
 */
export async function guardAction<T>(
  name: string,
  run: () => Promise<Result<T>>,
  options: { access?: Access } = {},
): Promise<Result<T>> {
  try {
    if (options.access !== 'public' && !(await hasStudioAccess())) return fail('auth:required', SIGN_IN_AGAIN);
    return await run();
  } catch (error) {
    console.error(`[overpaint] action ${name} failed:`, error);
    return fail('server:error', 'Something went wrong on the server; your work is kept. Please try again.');
  }
}

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler. `access: 'public'` is for the few routes anyone may call (health, shared images);
 * everything else answers 401 without a studio session once APP_PASSWORD is set.
 */
export function guardRoute<C>(handler: RouteHandler<C>, options: { access?: Access } = {}): RouteHandler<C> {
  return async (request, context) => {
    try {
      if (options.access !== 'public' && !(await requestHasStudioAccess(request))) {
        return Response.json(
          { error: { code: 'auth:required', message: SIGN_IN_AGAIN } },
          { status: 401, headers: { 'Cache-Control': 'no-store' } },
        );
      }
      return await handler(request, context);
    } catch (error) {
      console.error(`[overpaint] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return Response.json(
        { error: { code: 'server:error', message: 'Something went wrong on the server.' } },
        { status: 500, headers: { 'Cache-Control': 'no-store' } },
      );
    }
  };
}
