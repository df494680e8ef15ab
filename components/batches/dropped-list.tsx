import type { DroppedImage } from './intake';

const STATUS_TEXT: Record<DroppedImage['status'], string> = {
  checking: 'Checking…',
  waiting: 'Waiting to upload',
  uploading: 'Uploading…',
  ready: 'Ready',
  refused: 'Not added',
};

/** The dropped files, refused ones first with their reason, then the rest in drop order. */
export function DroppedList({ images }: { images: DroppedImage[] }) {
  if (images.length === 0) return null;
  const refused = images.filter((item) => item.status === 'refused');
  const rest = images.filter((item) => item.status !== 'refused');
  return (
    <div className="flex flex-col gap-3">
      {refused.length > 0 && (
        <section aria-label="Files not added" className="rounded-xl border border-amber-900/60 bg-amber-950/30 p-3">
          <h2 className="mb-1 text-sm font-semibold text-amber-100">
            {refused.length} {refused.length === 1 ? 'file was' : 'files were'} not added
          </h2>
          <ul className="flex flex-col gap-1 text-sm text-amber-100">
            {refused.map((item) => (
              <li key={item.key}>{item.reason ?? `${item.name} could not be added.`}</li>
            ))}
          </ul>
        </section>
      )}
      <ul
        aria-label="Batch images"
        className="grid max-h-96 grid-cols-2 gap-2 overflow-y-auto sm:grid-cols-4 lg:grid-cols-6"
      >
        {rest.map((item) => (
          <li key={item.key} className="flex flex-col gap-1 rounded-lg border border-zinc-800 bg-zinc-900 p-1.5">
            <div className="aspect-square overflow-hidden rounded bg-zinc-800">
              {item.thumbUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route, already small
                <img src={item.thumbUrl} alt="" loading="lazy" className="h-full w-full object-cover" />
              )}
            </div>
            <p className="truncate text-xs text-zinc-200" title={item.name}>
              {item.name}
            </p>
            <p className="text-xs text-zinc-400">{STATUS_TEXT[item.status]}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
