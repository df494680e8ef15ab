import type { EngineKind } from '@/lib/jobs/types';

/** Says plainly which engine runs the edits; the offline one never passes for a generative model. */
export function EngineBadge({ engine, model }: { engine: EngineKind; model: string }) {
  if (engine === 'toapis') {
    return (
      <p className="flex items-center gap-2 text-xs text-zinc-300">
        <span className="size-2 rounded-full bg-emerald-400" aria-hidden="true" />
        Engine: ToAPIs · <span className="font-mono text-zinc-400">{model}</span>
      </p>
    );
  }
  return (
    <p
      className="flex items-center gap-2 text-xs text-zinc-300"
      title="No TOAPIS_API_KEY is set, so edits run on the built-in engine."
    >
      <span className="size-2 rounded-full bg-amber-400" aria-hidden="true" />
      {/* Shorter where the header is narrow, so it stays one line; the point (not generative) is kept in both. */}
      <span>
        Engine: Offline engine<span className="hidden xl:inline"> · classical image processing</span>, not a generative
        model
      </span>
    </p>
  );
}
