import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { LINK_EXPIRED, resetLinkIsOpen } from '@/lib/server/auth/password-reset';
import { serverEnv } from '@/lib/server/env';

export const dynamic = 'force-dynamic';

// No referrer: the token is in this page's address.
export const metadata: Metadata = {
  title: 'Reset password · Overpaint',
  robots: { index: false },
  referrer: 'no-referrer',
};

type Props = { params: Promise<{ token: string }> };

/** A password reset link (public on purpose: the link is the permission): the form for the new password. */
export default async function ResetPasswordPage({ params }: Props) {
  if (serverEnv().authMode !== 'accounts') notFound();
  const { token } = await params;
  const open = await resetLinkIsOpen(token);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-950 p-4">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-800 bg-zinc-900 p-6">
        <p className="mb-3 text-lg font-semibold text-zinc-50">
          Over<span className="text-violet-400">paint</span>
        </p>
        <h1 className="mb-1 text-base font-semibold text-zinc-50">Choose a new password</h1>
        {open ? (
          <>
            <p className="mb-5 text-sm text-zinc-400">
              Setting it signs you out everywhere; then you sign in with the new password.
            </p>
            <ResetPasswordForm token={token} />
          </>
        ) : (
          <>
            <p className="mb-4 text-sm text-zinc-300">{LINK_EXPIRED}</p>
            <Link href="/login" className="text-sm text-violet-300 underline hover:text-violet-200">
              Go to sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
