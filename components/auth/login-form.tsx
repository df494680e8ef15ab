'use client';

import { useActionState } from 'react';
import { login, type LoginState } from '@/app/login/actions';
import { safeNextPath } from '@/lib/auth/safe-next';

/** The studio password form: one labelled field, the refusal read out next to it. */
export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, null);
  const error = state && !state.ok ? state.error.message : null;
  return (
    <form action={action} className="flex flex-col gap-3">
      {/* Checked here too: whatever the page was given, the form only ever posts a path on this origin. */}
      <input type="hidden" name="next" value={safeNextPath(next)} />
      <label htmlFor="password" className="text-sm font-medium text-zinc-200">
        Password
      </label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'password-error' : undefined}
        className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-zinc-100 focus:border-violet-500 focus:outline-none"
      />
      <p id="password-error" role="alert" className="min-h-5 text-sm text-red-300">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-violet-700 px-4 py-2 font-medium text-white hover:bg-violet-800 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
