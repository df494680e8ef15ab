import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JoinForm } from '@/components/auth/join-form';
import { serverEnv } from '@/lib/server/env';
import { invitationIsOpen } from '@/lib/server/people/invitations';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Join · Overpaint', robots: { index: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

/** An invitation link: the form that makes the new person's account and signs them in. */
export default async function JoinPage({ params }: Props) {
  if (serverEnv().authMode !== 'accounts') notFound();
  const { token } = await params;
  const open = /^[A-Za-z0-9_-]{20,100}$/.test(token) && (await invitationIsOpen(token));
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-950 p-4">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-800 bg-zinc-900 p-6">
        <p className="mb-3 text-lg font-semibold text-zinc-50">
          Over<span className="text-violet-400">paint</span>
        </p>
        <h1 className="mb-1 text-base font-semibold text-zinc-50">Join this workspace</h1>
        {open ? (
          <>
            <p className="mb-5 text-sm text-zinc-400">You were invited. Choose how you sign in from now on.</p>
            <JoinForm token={token} />
          </>
        ) : (
          <p className="text-sm text-zinc-300">
            This invitation link has expired, was already used or was revoked. Ask for a new one.
          </p>
        )}
      </div>
    </main>
  );
}
