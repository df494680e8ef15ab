import type { ReactNode } from 'react';

/**
 * A visible tooltip for an icon button: its name and shortcut, shown on hover and on keyboard focus. The button keeps
 * its own accessible name; the tooltip repeats it for the eye, so it is hidden from assistive technology.
 */
export function Tooltip({
  text,
  shortcut,
  align = 'center',
  children,
}: {
  text: string;
  shortcut?: string;
  align?: 'center' | 'end';
  children: ReactNode;
}) {
  const position = align === 'end' ? 'right-0' : 'left-1/2 -translate-x-1/2';
  return (
    <span className="group/tip relative inline-flex">
      {children}
      <span
        aria-hidden="true"
        className={`pointer-events-none absolute bottom-full z-20 mb-1.5 hidden whitespace-nowrap rounded-md border border-zinc-700 bg-zinc-800 px-2 py-1 text-xs font-medium text-zinc-100 shadow-lg group-hover/tip:block group-has-[:focus-visible]/tip:block group-has-[[aria-expanded=true]]/tip:hidden ${position}`}
      >
        {text}
        {shortcut && (
          <kbd className="ml-1.5 rounded bg-zinc-700 px-1 font-sans text-[11px] text-zinc-300">{shortcut}</kbd>
        )}
      </span>
    </span>
  );
}
