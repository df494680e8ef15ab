'use client';

import { setPasswordWithLink } from '@/app/reset/[token]/actions';
import { AccountForm } from './account-form';

/** A reset link's form: the new password, then on to sign in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  return (
    <AccountForm
      action={setPasswordWithLink}
      hidden={{ token }}
      fields={[{ name: 'password', label: 'New password', autoComplete: 'new-password' }]}
      submitLabel="Set password"
      pendingLabel="Setting…"
    />
  );
}
