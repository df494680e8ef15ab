/** Small stroke icons for the gallery's icon buttons (each button carries its own accessible name). */
const PATHS = {
  download: 'M12 4v11m0 0-4-4m4 4 4-4M5 19h14',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  reference: 'M12 5v14M5 12h14',
  // Make base: a picture placed on a baseline.
  base: 'M5 4h14v12H5zM5 13l4-4 3 3 2-2 5 5M4 20h16',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
  zoomIn: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M11 8v6M8 11h6',
  zoomOut: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6',
  close: 'M6 6l12 12M18 6 6 18',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  share: 'M12 15V4m0 0L8 8m4-4 4 4M5 13v6h14v-6',
  compare: 'M12 4v16M5 7h4v10H5zM15 7h4v10h-4z',
  star: 'M12 3.8l2.5 5.1 5.6.8-4.1 4 1 5.6-5-2.7-5 2.7 1-5.6-4.1-4 5.6-.8z',
  check: 'M5 12.5l4.5 4.5L19 7',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className = 'size-4' }: { name: IconName; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
