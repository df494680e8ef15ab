import Link from 'next/link';
import { EngineBadge } from '@/components/studio/engine-badge';
import { Studio } from '@/components/studio/studio';
import { publicEnv } from '@/lib/server/env';

// The engine depends on the server's environment at run time, not at build time.
export const dynamic = 'force-dynamic';

export default function StudioPage() {
  const { engine, model } = publicEnv();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <h1 className="text-base font-semibold tracking-tight text-zinc-50">
          Over<span className="text-violet-400">paint</span>
          <span className="ml-2 text-xs font-normal text-zinc-400">AI image editing studio</span>
        </h1>
        <div className="flex items-center gap-3">
          <EngineBadge engine={engine} model={model} />
          <Link
            href="/settings"
            className="rounded px-2 py-1 text-xs text-violet-300 hover:bg-zinc-800 hover:text-violet-200"
          >
            Settings
          </Link>
        </div>
      </header>
      <main className="flex flex-1 flex-col">
        <Studio />
      </main>
    </div>
  );
}
