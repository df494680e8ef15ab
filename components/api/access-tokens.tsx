'use client';

import { useState } from 'react';
import { createAccessToken, revokeAccessToken } from '@/app/settings/token-actions';
import type { ApiTokenView, TokenScope } from '@/lib/api/tokens';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** Settings → Access tokens: make one (shown once), see yours, revoke them. */
export function AccessTokens({ initial }: { initial: ApiTokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [fresh, setFresh] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  async function create() {
    try {
      const result = await createAccessToken({ name, scope });
      if (!result.ok) return setMessage(result.error.message);
      setTokens((all) => [result.data.view, ...all]);
      setFresh(result.data.token);
      setName('');
      setMessage('Token created. Copy it now: it is shown only once.');
    } catch {
      setMessage('The token could not be created (the server did not answer).');
    }
  }

  async function revoke(token: ApiTokenView) {
    try {
      const result = await revokeAccessToken(token.id);
      if (!result.ok) return setMessage(result.error.message);
      setTokens((all) => all.filter((t) => t.id !== token.id));
      setMessage(`Revoked ${token.name}: requests with it are refused from now on.`);
    } catch {
      setMessage('The token could not be revoked (the server did not answer).');
    }
  }

  return (
    <section aria-labelledby="tokens-heading" className="flex flex-col gap-3 rounded-xl border border-zinc-800 p-4">
      <h2 id="tokens-heading" className="text-base font-semibold text-zinc-100">
        Access tokens
      </h2>
      <p className="text-sm text-zinc-400">
        For the API at <span className="font-mono">/api/v1</span> (
        <a className="underline" href="/settings/api">
          reference
        </a>
        ). A token acts as you, with your role; read tokens only read.
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Token name
          <input
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={80}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-zinc-100"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Scope
          <select
            value={scope}
            onChange={(event) => setScope(event.currentTarget.value as TokenScope)}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-zinc-100"
          >
            <option value="read">Read</option>
            <option value="write">Read and write</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded-lg bg-violet-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-violet-800"
        >
          Create token
        </button>
      </form>
      {fresh && (
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Access token
          <input
            readOnly
            value={fresh}
            onFocus={(event) => event.currentTarget.select()}
            className="rounded-lg border border-amber-500/60 bg-zinc-950 px-2 py-1.5 font-mono text-xs text-zinc-100"
          />
        </label>
      )}
      <p aria-live="polite" className="min-h-5 text-sm text-zinc-300">
        {message}
      </p>
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-400">No access tokens yet.</p>
      ) : (
        <ul aria-label="Access tokens" className="flex flex-col gap-2">
          {tokens.map((token) => (
            <li
              key={token.id}
              aria-label={token.name}
              className="flex items-center justify-between gap-3 rounded-lg border border-zinc-800 bg-zinc-900 p-2 text-sm"
            >
              <span className="min-w-0 text-zinc-200">
                {token.name}{' '}
                <span className="text-xs text-zinc-400">
                  <span className="font-mono">{token.hint}…</span> ·{' '}
                  {token.scope === 'write' ? 'read and write' : 'read'} · made {when(token.createdAt)} · last used{' '}
                  {when(token.lastUsedAt)}
                </span>
              </span>
              <button
                type="button"
                onClick={() => void revoke(token)}
                aria-label={`Revoke ${token.name}`}
                className="shrink-0 rounded-lg border border-red-500/50 px-2 py-1 text-xs text-red-200 hover:bg-red-500/10"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
