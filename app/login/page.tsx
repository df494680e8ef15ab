import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AccountSignIn, OwnerAccountForm } from '@/components/auth/account-sign-in';
import { LoginForm } from '@/components/auth/login-form';
import { safeNextPath } from '@/lib/auth/safe-next';
import { anyoneExists } from '@/lib/server/auth/sign-in';
import { serverEnv } from '@/lib/server/env';
import { hasStudioAccess } from '@/lib/server/guard';
import { studioAccessRequired } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Overpaint', robots: { index: false } };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/**
 * Signing in: the studio password (AUTH_MODE=password), or in accounts mode a person's email and password (or the
 * identity provider), and on first run the owner account.
 */
export default async function LoginPage({ searchParams }: Props) {
  const { next } = await searchParams;
  const target = safeNextPath(next);
  if (!studioAccessRequired() || (await hasStudioAccess())) redirect(target);
  const env = serverEnv();
  const firstRun = env.authMode === 'accounts' && !(await anyoneExists());
  const heading = firstRun ? 'Create the owner account' : env.authMode === 'accounts' ? 'Sign in' : null;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-950 p-4">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-800 bg-zinc-900 p-6">
        {heading ? (
          <>
            <p className="mb-3 text-lg font-semibold text-zinc-50">
              Over<span className="text-violet-400">paint</span>
            </p>
            <h1 className="mb-1 text-base font-semibold text-zinc-50">{heading}</h1>
            <p className="mb-5 text-sm text-zinc-400">
              {firstRun
                ? 'This workspace has no accounts yet. The first one owns it, and the work already here becomes theirs.'
                : 'Sign in with your account in this workspace.'}
            </p>
            {firstRun ? (
              <OwnerAccountForm />
            ) : (
              <AccountSignIn next={target} provider={env.accounts?.oidc?.name ?? null} />
            )}
          </>
        ) : (
          <>
            <h1 className="mb-1 text-lg font-semibold text-zinc-50">
              Over<span className="text-violet-400">paint</span>
            </h1>
            <p className="mb-5 text-sm text-zinc-400">This studio is private. Enter its password to continue.</p>
            <LoginForm next={target} />
          </>
        )}
      </div>
    </main>
  );
}
