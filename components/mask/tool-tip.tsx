/**
 * The visible name and shortcut of an icon-only button, shown on hover and on keyboard focus (the button is the
 * `group`). Hidden from assistive tech: the button's own aria-label and aria-keyshortcuts already say the same.
 */
export function ToolTip({
  label,
  shortcut,
  side = 'below',
  align = 'start',
}: {
  label: string;
  shortcut: string | null;
  side?: 'above' | 'below';
  /** Which edge of the button it lines up with: the editor clips what crosses its own edges. */
  align?: 'start' | 'end';
}) {
  return (
    <span
      aria-hidden="true"
      className={[
        'pointer-events-none absolute z-40 whitespace-nowrap rounded-md border border-zinc-600',
        'bg-zinc-950 px-2 py-1 text-xs font-medium text-zinc-100 opacity-0 shadow-lg transition-opacity delay-150',
        'group-hover:opacity-100 group-focus-visible:opacity-100',
        side === 'below' ? 'top-full mt-1.5' : 'bottom-full mb-1.5',
        align === 'start' ? 'left-0' : 'right-0',
      ].join(' ')}
    >
      {label}
      {shortcut ? (
        <kbd className="ml-2 rounded bg-zinc-800 px-1 font-sans text-[11px] text-zinc-300">{shortcut}</kbd>
      ) : null}
    </span>
  );
}
