import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { safeNextPath } from '@/lib/auth/safe-next';
import { hasStudioAccess } from '@/lib/server/guard';
import { studioAccessRequired } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Overpaint', robots: { index: false } };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/** Shown when APP_PASSWORD is set and this browser has no session yet. */
export default async function LoginPage({ searchParams }: Props) {
  const { next } = await searchParams;
  const target = safeNextPath(next);
  if (!studioAccessRequired() || (await hasStudioAccess())) redirect(target);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-950 p-4">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-800 bg-zinc-900 p-6">
        <h1 className="mb-1 text-lg font-semibold text-zinc-50">
          Over<span className="text-violet-400">paint</span>
        </h1>
        <p className="mb-5 text-sm text-zinc-400">This studio is private. Enter its password to continue.</p>
        <LoginForm next={target} />
      </div>
    </main>
  );
}
