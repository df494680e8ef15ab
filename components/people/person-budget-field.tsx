'use client';

import { useId, useState, useTransition } from 'react';
import { setPersonBudget } from '@/app/people/actions';

/**
 * One person's monthly budget on the People page: saved when the field is left or Enter is pressed, only if it
 * changed. Empty means none. The accessible name stays `Monthly budget` (as in Settings); the row says whose.
 */
export function PersonBudgetField(props: { personId: string; personName: string; saved: string; currency: string }) {
  const id = useId();
  const [value, setValue] = useState(props.saved);
  const [saved, setSaved] = useState(props.saved);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () => {
    if (value.trim() === saved.trim()) return;
    startTransition(async () => {
      const result = await setPersonBudget(props.personId, value);
      if (!result.ok) {
        setMessage({ error: true, text: result.error.message });
        return;
      }
      setSaved(value.trim());
      setMessage({ error: false, text: result.data === null ? 'No budget' : 'Saved' });
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      className="flex flex-col gap-1"
    >
      <span className="flex items-center gap-1">
        <input
          type="number"
          min="0"
          step="any"
          inputMode="decimal"
          aria-label="Monthly budget"
          aria-describedby={`${id}-whose ${id}-status`}
          aria-invalid={message?.error ? true : undefined}
          value={value}
          disabled={pending}
          placeholder="None"
          onChange={(event) => setValue(event.target.value)}
          onBlur={save}
          className="w-24 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 tabular-nums placeholder:text-zinc-500"
        />
        <span className="text-xs text-zinc-400">{props.currency}</span>
      </span>
      <span id={`${id}-whose`} className="sr-only">
        {`For ${props.personName}, per calendar month (UTC). Empty: none.`}
      </span>
      <span
        id={`${id}-status`}
        role={message?.error ? 'alert' : 'status'}
        className={`text-xs ${message?.error ? 'text-red-300' : 'text-zinc-400'}`}
      >
        {message?.text}
      </span>
    </form>
  );
}
