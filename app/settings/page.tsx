import Link from 'next/link';
import { UpstreamStatusPanel } from '@/components/settings/upstream-status-panel';
import { requirePageAccess } from '@/lib/server/guard';
import { upstreamStatus } from '@/lib/server/jobs/upstream-status';

// Asks the engine on every visit: the key's state is what matters, not what it was at build time.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Settings · Overpaint' };

export default async function SettingsPage() {
  // Before anything else: the status below asks the upstream with the operator's key.
  await requirePageAccess('/settings');
  const status = await upstreamStatus();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-800 px-4 py-3">
        <h1 className="text-base font-semibold tracking-tight text-zinc-50">Settings</h1>
        <Link href="/" className="rounded px-2 py-1 text-sm text-violet-300 hover:bg-zinc-800 hover:text-violet-200">
          Back to the studio
        </Link>
      </header>
      <main className="mx-auto flex w-full max-w-2xl flex-col gap-4 p-4">
        <UpstreamStatusPanel status={status} />
        <p className="text-xs text-zinc-400">
          Settings come from the server&apos;s environment (TOAPIS_API_KEY, TOAPIS_BASE_URL, TOAPIS_MODEL,
          TOAPIS_WEBHOOK_SECRET); the key itself is never shown or sent to the browser.
        </p>
      </main>
    </div>
  );
}
