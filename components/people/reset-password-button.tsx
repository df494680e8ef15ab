'use client';

import { useId, useState, useTransition } from 'react';
import { createPasswordResetLink } from '@/app/people/actions';

/** A person's "Reset password": makes a single-use, expiring link for the admin to pass on (shown once). */
export function ResetPasswordButton({ person, disabled }: { person: { id: string; name: string }; disabled: boolean }) {
  const id = useId();
  const [link, setLink] = useState<{ url: string; minutes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const create = () =>
    startTransition(async () => {
      const result = await createPasswordResetLink(person.id);
      setError(result.ok ? null : result.error.message);
      setLink(
        result.ok
          ? { url: new URL(result.data.path, window.location.origin).toString(), minutes: result.data.minutes }
          : null,
      );
    });
  return (
    <div className="flex flex-col gap-1 py-1">
      <button
        type="button"
        onClick={create}
        disabled={disabled || pending}
        aria-describedby={`${id}-who`}
        className="self-start rounded border border-zinc-600 px-2 py-1 hover:bg-zinc-800 disabled:opacity-50"
      >
        Reset password
      </button>
      <span id={`${id}-who`} className="sr-only">
        for {person.name}
      </span>
      {link && (
        <>
          <label htmlFor={`${id}-link`} className="sr-only">
            Password reset link
          </label>
          <input
            id={`${id}-link`}
            readOnly
            value={link.url}
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby={`${id}-hint`}
            className="w-56 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-100"
          />
          <span id={`${id}-hint`} className="text-xs text-zinc-400">
            Send it to {person.name}. It works once and expires in {link.minutes} minutes.
          </span>
        </>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-300">
          {error}
        </span>
      )}
    </div>
  );
}
