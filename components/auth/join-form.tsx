'use client';

import { joinWorkspace } from '@/app/join/[token]/actions';
import { AccountForm } from './account-form';

export function JoinForm({ token }: { token: string }) {
  return (
    <AccountForm
      action={joinWorkspace}
      hidden={{ token }}
      fields={[
        { name: 'name', label: 'Name', autoComplete: 'name' },
        { name: 'email', label: 'Email', autoComplete: 'email' },
        { name: 'password', label: 'Password', autoComplete: 'new-password' },
      ]}
      submitLabel="Join"
      pendingLabel="Joining…"
    />
  );
}
