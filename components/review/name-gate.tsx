'use client';

import { useId, useState, type FormEvent } from 'react';
import { REVIEWER_NAME_MAX } from '@/lib/reviews/types';

/** The one question before reviewing: a name, remembered for this link (no account). */
export function NameGate({ onContinue }: { onContinue(name: string): Promise<string | null> }) {
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(await onContinue(name));
    setPending(false);
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-heading`}
      className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-900 p-4 sm:flex-row sm:items-end"
    >
      <div className="flex flex-1 flex-col gap-1">
        <h2 id={`${id}-heading`} className="text-sm font-semibold text-zinc-100">
          Who is reviewing?
        </h2>
        <p className="text-sm text-zinc-400">Your name is shown to the studio with your choices and comments.</p>
        <label htmlFor={`${id}-name`} className="mt-1 text-sm font-medium text-zinc-200">
          Your name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={REVIEWER_NAME_MAX}
          autoComplete="name"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-base text-zinc-100"
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-300">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded-lg bg-violet-700 px-5 py-2 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-60"
      >
        Continue
      </button>
    </form>
  );
}
