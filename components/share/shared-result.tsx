/** One shared image at full quality, with its size and a Download link. Server-rendered, no studio controls. */
export function SharedResult(props: { src: string; width: number; height: number; alt: string; downloadLabel: string }) {
  const { src, width, height, alt, downloadLabel } = props;
  return (
    <figure className="flex flex-col gap-2 rounded-xl border border-zinc-800 bg-zinc-900 p-3">
      {/* eslint-disable-next-line @next/next/no-img-element -- our own route, full quality on purpose */}
      <img src={src} alt={alt} width={width} height={height} className="mx-auto h-auto max-h-[75dvh] w-auto max-w-full rounded-lg bg-zinc-950 object-contain" />
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
