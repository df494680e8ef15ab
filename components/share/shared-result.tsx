import { BeforeAfter } from './before-after';

interface Props {
  src: string;
  width: number;
  height: number;
  alt: string;
  downloadLabel: string;
  /** The original, when the sharer chose a before/after view. */
  beforeSrc?: string;
}

/** One shared image at full quality, with its size and a Download link. No studio controls. */
export function SharedResult({ src, width, height, alt, downloadLabel, beforeSrc }: Props) {
  return (
    <figure className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      {beforeSrc ? (
        <BeforeAfter before={beforeSrc} after={src} width={width} height={height} alt={alt} />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- our own route, full quality on purpose
        <img
          src={src}
          alt={alt}
          width={width}
          height={height}
          className="mx-auto h-auto max-h-[75dvh] w-auto max-w-full rounded-lg bg-zinc-950 object-contain"
        />
      )}
      <figcaption className="flex items-center justify-between text-xs text-zinc-400">
        <span className="tabular-nums">
          {width} × {height}
        </span>
        <a
          href={`${src}?download=1`}
          download
          className="rounded-lg bg-violet-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-violet-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400"
        >
          Download<span className="sr-only">{downloadLabel}</span>
        </a>
      </figcaption>
    </figure>
  );
}
