import type { MaskCommandName } from '@/lib/canvas/commands';

const PATHS: Partial<Record<MaskCommandName, string>> = {
  brush:
    'M9.5 14.5 18 6a2.1 2.1 0 0 1 3 3l-8.5 8.5M9.5 14.5c-2 0-3.5 1.5-3.5 3.5 0 1-1 2-3 2 1.5 1.5 3 2 5 2 2.5 0 4.5-2 4.5-4.5m-3-3 3 3',
  eraser: 'm7 21-4.3-4.3a1 1 0 0 1 0-1.4l10-10a1 1 0 0 1 1.4 0l5.6 5.6a1 1 0 0 1 0 1.4L12 20.1M7 21h14M5.5 13.5l5 5',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  invert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 0v18',
  clear: 'M3 6h18M8 6V4h8v2m-9 0 1 14h8l1-14',
  rectangle: 'M4 5h16v14H4z',
  ellipse: 'M12 5c4.97 0 9 3.13 9 7s-4.03 7-9 7-9-3.13-9-7 4.03-7 9-7Z',
  lasso:
    'M7 17c-2.5-1-4-3-4-5.5C3 7.4 7 4 12 4s9 3.4 9 7.5S17 19 12 19c-1.2 0-2.3-.2-3.3-.5M7 17c0 2 1 3 3 3m-3-3c1.5-.5 2.5 0 3 1',
  polygon: 'M4 8 11 3l9 5-3 11H7L4 8Z',
  fill: 'm19 11-8-8-8.6 8.6a2 2 0 0 0 0 2.8l5.2 5.2a2 2 0 0 0 2.8 0L19 11Zm0 0 2 5a2 2 0 1 1-4 0l2-5ZM5 2l5 5M2 13h15',
  move: 'M12 2v20M2 12h20M9 5l3-3 3 3M9 19l3 3 3-3M5 9l-3 3 3 3M19 9l3 3-3 3',
  swap: 'M7 4 3 8l4 4M3 8h13a4 4 0 0 1 4 4M17 20l4-4-4-4m4 4H8a4 4 0 0 1-4-4',
  grow: 'M12 3v18M3 12h18M8 8l-3-3m11 3 3-3M8 16l-3 3m11-3 3 3',
  shrink: 'M5 5l4 4m10-4-4 4M5 19l4-4m10 4-4-4M9 12h6',
  feather: 'M20 4c-6 0-12 4-14 14M20 4c0 6-4 11-10 12M6 18l-2 2m6-10h5',
  shortcuts: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  'zoom-actual': 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm10 17-5-5M10 9h1v5',
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
