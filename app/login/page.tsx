import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AccountSignIn, OwnerAccountForm } from '@/components/auth/account-sign-in';
import { ForgotPassword } from '@/components/auth/forgot-password';
import { LoginForm } from '@/components/auth/login-form';
import { safeNextPath } from '@/lib/auth/safe-next';
import { anyoneExists } from '@/lib/server/auth/sign-in';
import { serverEnv } from '@/lib/server/env';
import { hasStudioAccess } from '@/lib/server/guard';
import { studioAccessRequired } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in · Overpaint', robots: { index: false } };

type Props = {
  searchParams: Promise<{ next?: string | string[]; forgot?: string; reset?: string; error?: string | string[] }>;
};

/** What the identity provider's refusal means, by better-auth's error code (never the provider's own text). */
function providerRefusal(code: string | string[] | undefined, provider: string): string | null {
  if (typeof code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(code)) return null;
  if (code === 'access_denied') return `${provider} did not sign you in (it was cancelled or refused there).`;
  if (code === 'account_not_linked')
    return `Someone here already signs in with that email address and a password. Sign in with the password instead.`;
  return `Signing in with ${provider} did not work (${code}). Try again, or ask an admin of your workspace.`;
}

/**
 * Signing in: the studio password (AUTH_MODE=password), or in accounts mode a person's email and password (or the
 * identity provider), and on first run the owner account.
 */
export default async function LoginPage({ searchParams }: Props) {
  const { next, forgot, reset, error } = await searchParams;
  const target = safeNextPath(next);
  if (!studioAccessRequired() || (await hasStudioAccess())) redirect(target);
  const env = serverEnv();
  const firstRun = env.authMode === 'accounts' && !(await anyoneExists());
  const forgotten = env.authMode === 'accounts' && !firstRun && forgot !== undefined;
  const heading = firstRun
    ? 'Create the owner account'
    : forgotten
      ? 'Forgot password?'
      : env.authMode === 'accounts'
        ? 'Sign in'
        : null;
  const provider = env.accounts?.oidc?.name ?? null;
  const refusal = env.authMode === 'accounts' ? providerRefusal(error, provider ?? 'The identity provider') : null;
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
                : forgotten
                  ? 'Get a link to choose a new password.'
                  : 'Sign in with your account in this workspace.'}
            </p>
            {!firstRun && !forgotten && reset === 'done' && (
              <p role="status" className="mb-4 text-sm text-emerald-300">
                Your new password is set and you were signed out everywhere. Sign in with it.
              </p>
            )}
            {!firstRun && refusal && (
              <p role="alert" className="mb-4 text-sm text-red-300">
                {refusal}
              </p>
            )}
            {firstRun ? (
              <OwnerAccountForm />
            ) : forgotten ? (
              <ForgotPassword mail={env.accounts?.smtp !== undefined} />
            ) : (
              <AccountSignIn next={target} provider={provider} />
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
