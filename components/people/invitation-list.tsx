'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { revokeInvitationLink } from '@/app/people/actions';

interface Invitation {
  id: string;
  role: string;
  createdByName: string;
  createdAt: string;
  expiresAt: string;
  state: 'open' | 'used' | 'revoked' | 'expired';
}

const STATE_LABELS = { open: 'Open', used: 'Used', revoked: 'Revoked', expired: 'Expired' } as const;

/** Invitations made so far; an open one can be revoked. */
export function InvitationList({ invitations }: { invitations: Invitation[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (invitations.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <ul aria-label="Invitations made" className="flex flex-col gap-1 text-sm text-zinc-300">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-3">
            <span>
              {invitation.role} · by {invitation.createdByName} ·{' '}
              <time dateTime={invitation.createdAt}>{invitation.createdAt.slice(0, 10)}</time> ·{' '}
              {STATE_LABELS[invitation.state]}
            </span>
            {invitation.state === 'open' && (
              <button
                type="button"
                disabled={pending}
                aria-label={`Revoke the ${invitation.role} invitation of ${invitation.createdAt.slice(0, 16).replace('T', ' ')}`}
                onClick={() =>
                  startTransition(async () => {
                    const result = await revokeInvitationLink(invitation.id);
                    setError(result.ok ? null : result.error.message);
                    if (result.ok) router.refresh();
                  })
                }
                className="rounded border border-zinc-600 px-2 py-0.5 hover:bg-zinc-800"
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
