'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { fail, ok, type Result } from '@/lib/errors';
import { forgetLoginAttempts, takeLoginAttempt } from '@/lib/server/auth/login-attempts';
import { clientKey } from '@/lib/server/auth/login-limiter';
import {
  cookieShouldBeSecure,
  createSessionToken,
  passwordMatches,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  studioAccessRequired,
} from '@/lib/server/auth/session';
import { guardAction } from '@/lib/server/guard';

export type LoginState = Result<null> | null;

/** Only our own paths: `/x` yes, `//evil.example` or `https://…` no. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

/** Checks the studio password (rate-limited across instances), sets the session cookie and goes where the user was headed. */
export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const next = safeNext(formData.get('next'));
  const result = await guardAction(
    'login',
    async (): Promise<Result<null>> => {
      if (!studioAccessRequired()) return ok(null);
      const requestHeaders = await headers();
      const client = clientKey(requestHeaders);
      // Counted before the password is checked, so parallel guesses are counted too; kept if it turns out wrong.
      const verdict = await takeLoginAttempt(client);
      if (!verdict.allowed) {
        const minutes = Math.ceil(verdict.retryAfterS / 60);
        return fail(
          'auth:rate_limited',
          `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          {
            field: 'password',
          },
        );
      }
      const password = formData.get('password');
      if (typeof password !== 'string' || !passwordMatches(password)) {
        return fail('auth:wrong_password', 'That password is not right.', { field: 'password' });
      }
      await forgetLoginAttempts(client);
      (await cookies()).set(SESSION_COOKIE, createSessionToken(), {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieShouldBeSecure(requestHeaders),
        path: '/',
        maxAge: SESSION_MAX_AGE_S,
      });
      return ok(null);
    },
    { access: 'public' },
  );
  // Outside the guard: redirect() throws on purpose, and the guard turns throws into failures.
  if (result.ok) redirect(next);
  return result;
}

/** Ends this browser's session (public: signing out never needs a valid session). */
export async function logout(): Promise<void> {
  const result = await guardAction(
    'logout',
    async (): Promise<Result<null>> => {
      (await cookies()).delete(SESSION_COOKIE);
      return ok(null);
    },
    { access: 'public' },
  );
  if (result.ok) redirect('/login');
}
