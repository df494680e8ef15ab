'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { createInvitationLink } from '@/app/people/actions';

const ROLES = [
  { value: 'member', label: 'Member: generates, shares, curates' },
  { value: 'viewer', label: 'Viewer: sees, stars, comments' },
  { value: 'admin', label: 'Admin: also manages people' },
];

/** Invite → a role → Create invitation → the link to send (shown once: only its hash is kept). */
export function InvitePanel({ canInviteOwner }: { canInviteOwner: boolean }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState('member');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const roles = canInviteOwner ? [...ROLES, { value: 'owner', label: 'Owner: everything' }] : ROLES;

  const create = () =>
    startTransition(async () => {
      const result = await createInvitationLink(role);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setLink(new URL(result.data.path, window.location.origin).toString());
      router.refresh();
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-zinc-100">
        Invitations
      </h2>
      {!open ? (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="self-start rounded-lg bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800"
        >
          Invite
        </button>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-role`} className="text-sm font-medium text-zinc-200">
              Role
            </label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(event.target.value)}
              className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm text-zinc-100"
            >
              {roles.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            onClick={create}
            disabled={pending}
            className="rounded-lg bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800 disabled:opacity-60"
          >
            Create invitation
          </button>
        </div>
      )}
      {link && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-link`} className="text-sm font-medium text-zinc-200">
            Invitation link
          </label>
          <input
            id={`${id}-link`}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
            aria-describedby={`${id}-link-hint`}
            className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 font-mono text-xs text-zinc-100"
          />
          <p id={`${id}-link-hint`} className="text-xs text-zinc-400">
            Send it to the person you invite. It works once and expires in 7 days.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}
