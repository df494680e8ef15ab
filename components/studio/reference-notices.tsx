'use client';

import { useReferenceUploads } from './use-reference-uploads';
import { useStudio } from './use-studio';

/** Refusals (file and reason; nothing was stored) and duplicates waiting for Skip / Add anyway, next to the tray. */
export function ReferenceNotices() {
  const uploads = useReferenceUploads();
  const refusals = useStudio((state) => state.refusals);
  const duplicates = useStudio((state) => state.duplicates);
  return (
    <>
      {refusals.length > 0 && (
        <ul
          role="alert"
          aria-label="Files not added"
          className="flex flex-col gap-1 rounded-lg border border-red-900/60 bg-red-950/40 p-3 text-sm text-red-200"
        >
          {refusals.map((refusal, index) => (
            <li key={`${refusal.file ?? ''}-${index}`}>{refusal.message}</li>
          ))}
        </ul>
      )}
      {duplicates.length > 0 && (
        <ul
          aria-label="Duplicate images"
          className="flex flex-col gap-2 rounded-lg border border-amber-900/60 bg-amber-950/30 p-3 text-sm text-amber-100"
        >
          {duplicates.map((duplicate) => (
            <li key={duplicate.key} className="flex flex-wrap items-center gap-2">
              <span className="min-w-0 flex-1">
                {duplicate.file.name} is the same image as {duplicate.sameAs}, already in the tray.
              </span>
              <button
                type="button"
                onClick={() => void uploads.resolveDuplicate(duplicate.key, false)}
                className="rounded-md bg-amber-200 px-2 py-1 text-xs font-semibold text-zinc-950 hover:bg-amber-100"
              >
                Skip<span className="sr-only"> {duplicate.file.name}</span>
              </button>
              <button
                type="button"
                onClick={() => void uploads.resolveDuplicate(duplicate.key, true)}
                className="rounded-md px-2 py-1 text-xs text-amber-100 underline-offset-2 hover:underline"
              >
                Add anyway<span className="sr-only"> {duplicate.file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
