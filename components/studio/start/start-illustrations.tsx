import type { StartPoint } from '@/lib/jobs/start-points';

/*
 * Small line drawings for the Start section, one per start point. Decorative: the label beside each says it all,
 * so they are hidden from assistive tech.
 */

const frame = 'fill-zinc-800 stroke-zinc-500';
const accent = 'fill-violet-500/30 stroke-violet-300';

function Blend() {
  return (
    <>
      <rect x="4" y="6" width="18" height="14" rx="2" className={frame} />
      <rect x="12" y="12" width="18" height="14" rx="2" className={frame} />
      <rect x="26" y="8" width="18" height="20" rx="2" className={accent} />
      <path d="M20 28 l8 -6" className="stroke-violet-300" />
    </>
  );
}

function Inpaint() {
  return (
    <>
      <rect x="6" y="5" width="36" height="26" rx="2" className={frame} />
      <ellipse cx="26" cy="18" rx="8" ry="6" className={accent} strokeDasharray="3 2" />
      <path d="M36 8 l-6 8" className="stroke-violet-200" strokeWidth="2.5" strokeLinecap="round" />
    </>
  );
}

function Style() {
  return (
    <>
      <rect x="3" y="10" width="14" height="12" rx="1.5" className={frame} />
      <path d="M19 16 h6 m-2 -2 l2 2 -2 2" className="stroke-zinc-400" />
      <rect x="27" y="5" width="19" height="24" rx="2" className={accent} />
      <path d="M30 24 q4 -9 8 -4 t6 -6" className="fill-none stroke-violet-200" />
      <text x="36.5" y="13" textAnchor="middle" className="fill-violet-100 stroke-none text-[6px] font-bold">
        4k
      </text>
    </>
  );
}

function Text() {
  return (
    <>
      <path d="M5 9 h16 M5 15 h12 M5 21 h15" className="stroke-zinc-400" strokeLinecap="round" />
      <path d="M23 15 h4 m-2 -2 l2 2 -2 2" className="stroke-zinc-400" />
      <rect x="29" y="5" width="16" height="22" rx="2" className={accent} />
      <circle cx="37" cy="13" r="3" className="fill-violet-300/60 stroke-none" />
    </>
  );
}

const DRAWINGS: Record<StartPoint, () => React.JSX.Element> = {
  blend: Blend,
  inpaint: Inpaint,
  style: Style,
  text: Text,
};

export function StartIllustration({ point }: { point: StartPoint }) {
  const Drawing = DRAWINGS[point];
  return (
    <svg viewBox="0 0 48 34" aria-hidden="true" focusable="false" className="h-9 w-12 shrink-0" strokeWidth="1.5">
      <Drawing />
    </svg>
  );
}
