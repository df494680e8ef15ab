import type { MaskCommandName } from '@/lib/canvas/commands';

const PATHS: Partial<Record<MaskCommandName, string>> = {
  brush: 'M9.5 14.5 18 6a2.1 2.1 0 0 1 3 3l-8.5 8.5M9.5 14.5c-2 0-3.5 1.5-3.5 3.5 0 1-1 2-3 2 1.5 1.5 3 2 5 2 2.5 0 4.5-2 4.5-4.5m-3-3 3 3',
  eraser: 'm7 21-4.3-4.3a1 1 0 0 1 0-1.4l10-10a1 1 0 0 1 1.4 0l5.6 5.6a1 1 0 0 1 0 1.4L12 20.1M7 21h14M5.5 13.5l5 5',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  invert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 0v18',
  clear: 'M3 6h18M8 6V4h8v2m-9 0 1 14h8l1-14',
  'zoom-fit': 'M8 3H5a2 2 0 0 0-2 2v3m18 0V5a2 2 0 0 0-2-2h-3m0 18h3a2 2 0 0 0 2-2v-3M3 16v3a2 2 0 0 0 2 2h3',
};

/** Decorative outline icon for a command; the button's text gives the accessible name. */
export function MaskIcon({ name }: { name: MaskCommandName }) {
  const d = PATHS[name];
  if (!d) return null;
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="size-4 shrink-0"
    >
      <path d={d} />
      {name === 'invert' ? <path d="M12 3a9 9 0 0 1 0 18Z" fill="currentColor" stroke="none" /> : null}
    </svg>
  );
}
