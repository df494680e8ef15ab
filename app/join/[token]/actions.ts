'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { serverEnv } from '@/lib/server/env';
import { guardAction } from '@/lib/server/guard';
import { joinWithInvitation } from '@/lib/server/people/invitations';

export type JoinState = Result<null> | null;

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** Joins the workspace with an invitation link's token; public (the link is the permission), signs the person in. */
export async function joinWorkspace(_previous: JoinState, formData: FormData): Promise<JoinState> {
  const result = await guardAction('joinWorkspace', 'anyone', async (): Promise<Result<null>> => {
    if (serverEnv().authMode !== 'accounts') return fail('auth:forbidden', 'This studio does not use accounts.');
    const token = tokenSchema.safeParse(formData.get('token'));
    if (!token.success) return fail('auth:invitation_invalid', 'This invitation link is not valid.');
    const input = {
      name: formData.get('name') ?? '',
      email: formData.get('email') ?? '',
      password: formData.get('password') ?? '',
    };
    const joined = await joinWithInvitation(token.data, input, await headers());
    return joined.ok ? ok(null) : joined;
  });
  if (result.ok) redirect('/');
  return result;
}
