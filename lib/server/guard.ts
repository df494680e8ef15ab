import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { fail, type Result } from '@/lib/errors';
import { withApiToken } from './api/token-check';
import { actorFromHeaders, LOCAL_OWNER, type Actor } from './auth/actor';
import { refusalFor, roleAllows, type Permission } from './auth/roles';
import { SESSION_COOKIE, sessionFromCookieHeader } from './auth/session';
import { sessionIsLive } from './auth/session-store';
import { serverEnv } from './env';

/*
 * Every page calls `requirePageAccess` (or is public on purpose), and every server action and route handler goes
 * through one of the two wrappers below, naming the permission it needs (auth/roles.ts). Actions and routes are
 * public endpoints: this is the one place that decides who may call them and that turns an unexpected failure
 * into a sentence for the user, with the detail logged here only. By mode (AUTH_MODE):
 * - open: everyone is the built-in owner;
 * - password: a live shared-password session makes the caller the built-in owner;
 * - accounts: the signed-in person (a live session in the database), held to their role.
 * The proxy's redirect to /login is a convenience for pages, not the check.
 */

/** What a caller needs: a permission of their role, or `anyone` (sign-in itself, signing out). */
export type Need = Permission | 'anyone';

const SIGN_IN_AGAIN = 'Your session has ended. Reload the page and sign in again; your work on the server is kept.';

type Caller = { ok: true; actor: Actor } | { ok: false; code: 'auth:required' | 'auth:forbidden'; message: string };

/** Who is calling with these headers, and whether they may do what `need` names. */
async function authorize(requestHeaders: Headers, need: Permission): Promise<Caller> {
  const mode = serverEnv().authMode;
  if (mode === 'open') return { ok: true, actor: LOCAL_OWNER };
  if (mode === 'password') {
    const live = await sessionIsLive(sessionFromCookieHeader(requestHeaders.get('cookie')));
    return live ? { ok: true, actor: LOCAL_OWNER } : { ok: false, code: 'auth:required', message: SIGN_IN_AGAIN };
  }
  const actor = await actorFromHeaders(requestHeaders);
  if (!actor) return { ok: false, code: 'auth:required', message: SIGN_IN_AGAIN };
  if (!roleAllows(actor.role, need))
    return { ok: false, code: 'auth:forbidden', message: refusalFor(actor.role, need) };
  return { ok: true, actor };
}

/** Whether the caller of the current server action or page render may use the studio (see it, at least). */
export async function hasStudioAccess(): Promise<boolean> {
  if (serverEnv().authMode === 'password') return sessionIsLive((await cookies()).get(SESSION_COOKIE)?.value);
  return (await authorize(await headers(), 'view')).ok;
}

/**
 * The check at the top of every studio page: without access, to /login (then back to `path`); signed in without
 * the permission, to the studio. The proxy redirects too, but it is not the boundary: a page render is reachable by
 * other means (an action POST renders the page). Returns who is looking.
 */
export async function requirePageAccess(path: string, need: Permission = 'view'): Promise<Actor> {
  const caller = await authorize(await headers(), need);
  if (caller.ok) return caller.actor;
  if (caller.code === 'auth:forbidden') redirect('/');
  redirect(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`);
}

/**
 * Runs a server action body: the caller must hold `need` (`anyone` for the sign-in itself), then `run` gets who
 * they are; an unexpected throw becomes a typed failure.
 */
export async function guardAction<T>(
  name: string,
  need: Need,
  run: (actor: Actor) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    if (need === 'anyone') return await run(LOCAL_OWNER);
    const caller = await authorize(await headers(), need);
    if (!caller.ok) return fail(caller.code, caller.message);
    return await run(caller.actor);
  } catch (error) {
    console.error(`[overpaint] action ${name} failed:`, error);
    return fail('server:error', 'Something went wrong on the server; your work is kept. Please try again.');
  }
}

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * `access: 'public'` is for the few routes anyone may call (health, shared images, the signed webhook); `token` is
 * for the public API (/api/v1): an access token instead of a session, held to the same permission.
 */
export type RouteAccess = { access: 'public' } | { need: Permission } | { token: Permission };

/** Wraps a route handler: 401 without a session (or token), 403 when the caller's role lacks `need`. */
export function guardRoute<C>(handler: RouteHandler<C>, access: RouteAccess): RouteHandler<C> {
  return async (request, context) => {
    try {
      if ('token' in access) return await withApiToken(request, access.token, () => handler(request, context));
      if ('need' in access) {
        const caller = await authorize(request.headers, access.need);
        if (!caller.ok) {
          return Response.json(
            { error: { code: caller.code, message: caller.message } },
            { status: caller.code === 'auth:required' ? 401 : 403, headers: { 'Cache-Control': 'no-store' } },
          );
        }
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
