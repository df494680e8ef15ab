'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { fail, ok, type Result } from '@/lib/errors';
import { safeNextPath } from '@/lib/auth/safe-next';
import { requestResetByMail } from '@/lib/server/auth/password-reset';
import { anyoneExists, createOwner, oidcSignInUrl, signInWithPassword } from '@/lib/server/auth/sign-in';
import { serverEnv } from '@/lib/server/env';
import { guardAction } from '@/lib/server/guard';

/*
 * Accounts mode (AUTH_MODE=accounts): the first owner, email sign-in, and the identity provider's button. Public on
 * purpose (they are how one gets a session); each refuses outside accounts mode.
 */

export type AccountFormState = Result<null> | null;

const NOT_ACCOUNTS = 'This studio does not use accounts.';

function formFields(formData: FormData, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, formData.get(name) ?? '']));
}

export async function createOwnerAccount(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const result = await guardAction('createOwnerAccount', 'anyone', async (): Promise<Result<null>> => {
    if (serverEnv().authMode !== 'accounts') return fail('auth:forbidden', NOT_ACCOUNTS);
    const created = await createOwner(formFields(formData, ['name', 'email', 'password']), await headers());
    return created.ok ? ok(null) : created;
  });
  if (result.ok) redirect('/');
  return result;
}

export async function signInWithEmail(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const next = safeNextPath(formData.get('next'));
  const result = await guardAction('signInWithEmail', 'anyone', async (): Promise<Result<null>> => {
    if (serverEnv().authMode !== 'accounts') return fail('auth:forbidden', NOT_ACCOUNTS);
    return signInWithPassword(formFields(formData, ['email', 'password']), await headers());
  });
  if (result.ok) redirect(next);
  return result;
}

/** Starts the identity provider's sign-in: the browser goes there and comes back to /api/auth/callback/oidc. */
export async function signInWithProvider(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const next = safeNextPath(formData.get('next'));
  let target = '';
  const result = await guardAction('signInWithProvider', 'anyone', async (): Promise<Result<null>> => {
    if (!serverEnv().accounts?.oidc) return fail('auth:forbidden', 'No identity provider is set up.');
    // The first account is the owner's, made with the form: nobody joins through the provider before that.
    if (!(await anyoneExists())) return fail('auth:forbidden', 'Create the owner account first.');
    target = await oidcSignInUrl(next, await headers());
    return ok(null);
  });
  if (result.ok) redirect(target);
  return result;
}

/** "Forgot password?": mails a reset link when SMTP_URL is set; the answer never says whether the account exists. */
export async function askForPasswordReset(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return guardAction('askForPasswordReset', 'anyone', async (): Promise<Result<null>> => {
    if (serverEnv().authMode !== 'accounts') return fail('auth:forbidden', NOT_ACCOUNTS);
    return requestResetByMail(formFields(formData, ['email']), await headers());
  });
}
