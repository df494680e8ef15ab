/**
 * The visible name and shortcut of an icon-only button, shown on hover and on keyboard focus (the button is the
 * `group`). Hidden from assistive tech: the button's own aria-label and aria-keyshortcuts already say the same.
 */
export function ToolTip({ label, shortcut, side = 'below' }: { label: string; shortcut: string | null; side?: 'above' | 'below' }) {
  return (
    <span
      aria-hidden="true"
      className={[
        'pointer-events-none absolute left-1/2 z-40 -translate-x-1/2 whitespace-nowrap rounded-md border border-zinc-700',
        'bg-zinc-950 px-2 py-1 text-xs font-medium text-zinc-100 opacity-0 shadow-lg transition-opacity delay-150',
        'group-hover:opacity-100 group-focus-visible:opacity-100',
        side === 'below' ? 'top-full mt-1.5' : 'bottom-full mb-1.5',
      ].join(' ')}
    >
      {label}
      {shortcut ? <kbd className="ml-2 rounded bg-zinc-800 px-1 font-sans text-[11px] text-zinc-300">{shortcut}</kbd> : null}
    </span>
  );
}
