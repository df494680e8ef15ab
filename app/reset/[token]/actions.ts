'use server';

import { redirect } from 'next/navigation';
import { fail, type Result } from '@/lib/errors';
import { setNewPassword } from '@/lib/server/auth/password-reset';
import { serverEnv } from '@/lib/server/env';
import { guardAction } from '@/lib/server/guard';

export type ResetState = Result<null> | null;

/** Sets a new password with a reset link's token; public (the link is the permission), then on to sign in. */
export async function setPasswordWithLink(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const result = await guardAction('setPasswordWithLink', 'anyone', async (): Promise<Result<null>> => {
    if (serverEnv().authMode !== 'accounts') return fail('auth:forbidden', 'This studio does not use accounts.');
    return setNewPassword({ token: formData.get('token') ?? '', password: formData.get('password') ?? '' });
  });
  // Every session of the person ended with the reset (this browser's too): they sign in with the new password.
  if (result.ok) redirect('/login?reset=done');
  return result;
}
