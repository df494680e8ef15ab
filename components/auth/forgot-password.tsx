'use client';

import Link from 'next/link';
import { useActionState, useId } from 'react';
import { askForPasswordReset } from '@/app/login/account-actions';
import type { Result } from '@/lib/errors';

const inputClass =
  'rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-zinc-100 focus:border-violet-500 focus:outline-none';

/**
 * "Forgot password?": with mail set up, an email field that sends a reset link (the answer is the same whether or not
 * the account exists); without, who to ask instead.
 */
export function ForgotPassword({ mail }: { mail: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      {mail ? (
        <ForgotPasswordForm />
      ) : (
        <p className="text-sm text-zinc-300">
          This studio does not send mail. Ask an admin of your workspace for a password reset link: they make one on the
          People page.
        </p>
      )}
      <Link href="/login" className="text-sm text-violet-300 underline hover:text-violet-200">
        Back to sign in
      </Link>
    </div>
  );
}

function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<Result<null> | null, FormData>(askForPasswordReset, null);
  const id = useId();
  const error = state && !state.ok ? state.error : null;
  return (
    <form action={action} className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-email`} className="text-sm font-medium text-zinc-200">
          Email
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={inputClass}
        />
      </div>
      <p id={`${id}-error`} role="alert" className="min-h-5 text-sm text-red-300">
        {error?.message}
      </p>
      <p role="status" className="text-sm text-emerald-300">
        {state?.ok ? 'If an account exists for that email, a link is on its way.' : ''}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-violet-700 px-4 py-2 font-medium text-white hover:bg-violet-800 disabled:opacity-60"
      >
        {pending ? 'Sending…' : 'Send reset link'}
      </button>
    </form>
  );
}
