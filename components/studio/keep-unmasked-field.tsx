'use client';

import { useId } from 'react';
import { ratiosDiffer } from '@/lib/jobs/restore';
import { useBase, useStudio, useStudioStore } from './use-studio';

interface KeepUnmaskedFieldProps {
  /** The output size the options will produce. */
  size: { width: number; height: number } | null;
}

/**
 * Keep unmasked pixels (on unless turned off): the server puts the base back wherever the mask keeps. It cannot at
 * another ratio than the base's, so the form says so before Generate rather than after.
 */
export function KeepUnmaskedField({ size }: KeepUnmaskedFieldProps) {
  const id = useId();
  const store = useStudioStore();
  const on = useStudio((state) => state.options.keepUnmasked !== false);
  // Expand canvas makes its own frame at the chosen ratio (its padded base matches it): no conflict to report.
  const expanding = useStudio((state) => state.expand !== null);
  const shown = useBase();
  const base = expanding ? null : shown;
  const conflict = on && base && size && ratiosDiffer(size, base);
  return (
    <div className="col-span-2">
      <div className="flex items-center gap-2">
        <input
          id={`${id}-keep`}
          type="checkbox"
          checked={on}
          aria-describedby={`${id}-keep-note`}
          onChange={(event) => store.patchOptions({ keepUnmasked: event.target.checked })}
          className="size-4 accent-violet-500"
        />
        <label htmlFor={`${id}-keep`} className="text-sm text-zinc-200">
          Keep unmasked pixels
        </label>
      </div>
      <p id={`${id}-keep-note`} className="mt-1 text-xs text-zinc-400">
        {conflict ? (
          <span role="status" className="text-amber-300">
            The base is {base.width} × {base.height} and the result will be {size.width} × {size.height}: Keep unmasked
            pixels can&apos;t restore at another ratio. Choose auto or the base&apos;s ratio to keep them.
          </span>
        ) : (
          'With a mask: everything the mask keeps is put back from the base after the model answers.'
        )}
      </p>
    </div>
  );
}
