'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { fail, ok, type Result } from '@/lib/errors';
import { safeNextPath } from '@/lib/auth/safe-next';
import { clientKey } from '@/lib/server/auth/client-address';
import { forgetLoginAttempts, takeLoginAttempt } from '@/lib/server/auth/login-attempts';
import {
  cookieShouldBeSecure,
  passwordMatches,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  sharedPasswordMode,
} from '@/lib/server/auth/session';
import { endSession, startSession } from '@/lib/server/auth/session-store';
import { signOutPerson } from '@/lib/server/auth/sign-in';
import { serverEnv } from '@/lib/server/env';
import { guardAction } from '@/lib/server/guard';

export type LoginState = Result<null> | null;

/** Checks the studio password (rate-limited across instances), sets the session cookie and goes where the user was headed. */
export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const next = safeNextPath(formData.get('next'));
  const result = await guardAction('login', 'anyone', async (): Promise<Result<null>> => {
    if (!sharedPasswordMode()) return ok(null);
    const requestHeaders = await headers();
    const client = clientKey(requestHeaders);
    // Counted before the password is checked, so parallel guesses are counted too; kept if it turns out wrong.
    const verdict = await takeLoginAttempt(client);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterS / 60);
      return fail(
        'auth:rate_limited',
        `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { field: 'password' },
      );
    }
    // Many clients failing at once: slow every attempt down rather than refuse the right password.
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const password = formData.get('password');
    if (typeof password !== 'string' || !passwordMatches(password)) {
      return fail('auth:wrong_password', 'That password is not right.', { field: 'password' });
    }
    await forgetLoginAttempts(client);
    (await cookies()).set(SESSION_COOKIE, await startSession(), {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieShouldBeSecure(requestHeaders),
      path: '/',
      maxAge: SESSION_MAX_AGE_S,
    });
    return ok(null);
  });
  // Outside the guard: redirect() throws on purpose, and the guard turns throws into failures.
  if (result.ok) redirect(next);
  return result;
}

/** Ends this browser's session, on the server too (public: signing out never needs a valid session). */
export async function logout(): Promise<void> {
  const result = await guardAction('logout', 'anyone', async (): Promise<Result<null>> => {
    const jar = await cookies();
    // A copy of the cookie (another browser, a stolen one) stops working with it.
    await endSession(jar.get(SESSION_COOKIE)?.value);
    jar.delete(SESSION_COOKIE);
    if (serverEnv().authMode === 'accounts') await signOutPerson(await headers());
    return ok(null);
  });
  if (result.ok) redirect('/login');
}
