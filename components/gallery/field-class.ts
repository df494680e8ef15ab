/** The look of the gallery's form fields (filters, Add to board). */
export const fieldClass =
  'rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500';
