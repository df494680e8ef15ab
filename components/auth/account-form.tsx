'use client';

import { useActionState, useId } from 'react';
import type { Result } from '@/lib/errors';

type FormState = Result<null> | null;

export interface AccountField {
  name: 'name' | 'email' | 'password';
  label: string;
  autoComplete: string;
}

interface AccountFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  fields: AccountField[];
  submitLabel: string;
  pendingLabel: string;
  /** Hidden values the action needs (where to go next, an invitation's token). */
  hidden?: Record<string, string>;
}

const inputClass =
  'rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-zinc-100 focus:border-violet-500 focus:outline-none';

/** A labelled account form (owner creation, sign-in, joining): the refusal is read out beside the field it is about. */
export function AccountForm({ action, fields, submitLabel, pendingLabel, hidden = {} }: AccountFormProps) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, null);
  const id = useId();
  const error = state && !state.ok ? state.error : null;
  const errorField = error?.field && fields.some((f) => f.name === error.field) ? error.field : fields.at(-1)?.name;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field, index) => {
        const described = error && errorField === field.name;
        return (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={`${id}-${field.name}`} className="text-sm font-medium text-zinc-200">
              {field.label}
            </label>
            <input
              id={`${id}-${field.name}`}
              name={field.name}
              type={field.name === 'password' ? 'password' : field.name === 'email' ? 'email' : 'text'}
              autoComplete={field.autoComplete}
              required
              autoFocus={index === 0}
              aria-invalid={described ? true : undefined}
              aria-describedby={described ? `${id}-error` : undefined}
              className={inputClass}
            />
          </div>
        );
      })}
      <p id={`${id}-error`} role="alert" className="min-h-5 text-sm text-red-300">
        {error?.message}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-violet-700 px-4 py-2 font-medium text-white hover:bg-violet-800 disabled:opacity-60"
      >
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
