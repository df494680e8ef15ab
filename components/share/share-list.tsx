'use client';

import { useState } from 'react';
import { revokeShareLink, updateShareLink } from '@/app/(studio)/share-actions';
import { SHARE_EXPIRIES, SHARE_EXPIRY_LABELS, type ShareExpiry, type ShareView } from '@/lib/share/types';

const STATUS_STYLES: Record<ShareView['status'], string> = {
  active: 'bg-emerald-500/15 text-emerald-200',
  expired: 'bg-zinc-800 text-zinc-300',
  revoked: 'bg-red-500/15 text-red-200',
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** The management list: one row per link, with its expiry choice and Revoke. */
export function ShareList({ initial }: { initial: ShareView[] }) {
  const [shares, setShares] = useState(initial);
  const [message, setMessage] = useState('');

  async function apply(id: string, call: () => ReturnType<typeof revokeShareLink>, done: string) {
    try {
      const result = await call();
      if (!result.ok) return setMessage(result.error.message);
      setShares((all) => all.map((s) => (s.id === id ? result.data : s)));
      setMessage(done);
    } catch {
      setMessage('The change could not be saved (the server did not answer).');
    }
  }

  if (shares.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-400">
        No shared links yet.
      </p>
    );
  }
  return (
    <>
      <p aria-live="polite" className="min-h-5 text-sm text-zinc-300">
        {message}
      </p>
      <ul aria-label="Shared links" className="flex flex-col gap-3">
        {shares.map((share) => {
          const what = share.position === null ? 'All results' : `Result ${share.position + 1}`;
          const name = `${what}: ${share.prompt}`;
          return (
            <li
              key={share.id}
              aria-label={name}
              className="flex gap-3 rounded-xl border border-zinc-800 bg-zinc-900 p-3"
            >
              {share.thumbUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route
                <img src={share.thumbUrl} alt="" className="size-16 shrink-0 rounded-lg bg-zinc-950 object-cover" />
              )}
              <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
                <div className="flex items-start justify-between gap-2">
                  <p className="line-clamp-2 text-zinc-100">{name}</p>
                  <span
                    className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[share.status]}`}
                  >
                    {share.status === 'active' ? 'Active' : share.status === 'expired' ? 'Expired' : 'Revoked'}
                  </span>
                </div>
                <p className="text-xs text-zinc-400">
                  <span className="font-mono">/s/{share.tokenHint}…</span> · made {when(share.createdAt)} · prompt{' '}
                  {share.includePrompt ? 'shown' : 'hidden'} · original {share.includeBefore ? 'shown' : 'hidden'} ·
                  expires {when(share.expiresAt)}
                </p>
                {share.status !== 'revoked' && (
                  <div className="mt-1 flex flex-wrap items-center gap-3 text-xs text-zinc-300">
                    <label className="flex items-center gap-1.5">
                      Set expiry
                      <select
                        defaultValue=""
                        onChange={(event) => {
                          const expiry = event.currentTarget.value as ShareExpiry;
                          void apply(
                            share.id,
                            () => updateShareLink({ id: share.id, expiry }),
                            `Expiry set: ${SHARE_EXPIRY_LABELS[expiry]}.`,
                          );
                        }}
                        className="rounded border border-zinc-700 bg-zinc-950 px-1.5 py-0.5 text-zinc-100"
                      >
                        <option value="" disabled>
                          Choose…
                        </option>
                        {SHARE_EXPIRIES.map((value) => (
                          <option key={value} value={value}>
                            {value === 'never' ? 'Never' : `In ${SHARE_EXPIRY_LABELS[value]}`}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button
                      type="button"
                      onClick={() => apply(share.id, () => revokeShareLink(share.id), 'Link revoked.')}
                      className="rounded bg-red-800 px-2 py-1 font-medium text-white hover:bg-red-900"
                    >
                      Revoke<span className="sr-only"> link to {name}</span>
                    </button>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
