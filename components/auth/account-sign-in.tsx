'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { createOwnerAccount, signInWithEmail, signInWithProvider } from '@/app/login/account-actions';
import type { Result } from '@/lib/errors';
import { AccountForm } from './account-form';

/** First run: the one form every page leads to until the workspace has an owner. */
export function OwnerAccountForm() {
  return (
    <AccountForm
      action={createOwnerAccount}
      fields={[
        { name: 'name', label: 'Name', autoComplete: 'name' },
        { name: 'email', label: 'Email', autoComplete: 'email' },
        { name: 'password', label: 'Password', autoComplete: 'new-password' },
      ]}
      submitLabel="Create account"
      pendingLabel="Creating…"
    />
  );
}

/** Email and password, and the identity provider's button when one is set up. */
export function AccountSignIn({ next, provider }: { next: string; provider: string | null }) {
  const [state, providerAction, pending] = useActionState<Result<null> | null, FormData>(signInWithProvider, null);
  return (
    <div className="flex flex-col gap-4">
      <AccountForm
        action={signInWithEmail}
        hidden={{ next }}
        fields={[
          { name: 'email', label: 'Email', autoComplete: 'email' },
          { name: 'password', label: 'Password', autoComplete: 'current-password' },
        ]}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
      />
      <Link href="/login?forgot" className="self-start text-sm text-violet-300 underline hover:text-violet-200">
        Forgot password?
      </Link>
      {provider && (
        <form action={providerAction} className="flex flex-col gap-2 border-t border-zinc-800 pt-4">
          <input type="hidden" name="next" value={next} />
          <button
            type="submit"
            disabled={pending}
            className="rounded-lg border border-zinc-600 px-4 py-2 font-medium text-zinc-100 hover:bg-zinc-800 disabled:opacity-60"
          >
            Sign in with {provider}
          </button>
          {state && !state.ok && (
            <p role="alert" className="text-sm text-red-300">
              {state.error.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
