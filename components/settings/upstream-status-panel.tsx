import type { EngineState, UpstreamStatusView } from '@/lib/jobs/engine-status';

const STATE_STYLES: Record<EngineState, { dot: string; label: string }> = {
  ok: { dot: 'bg-emerald-400', label: 'Connected' },
  offline: { dot: 'bg-amber-400', label: 'No API key' },
  unauthorized: { dot: 'bg-red-400', label: 'Key rejected' },
  no_credit: { dot: 'bg-red-400', label: 'Out of credit' },
  unreachable: { dot: 'bg-red-400', label: 'Unreachable' },
  error: { dot: 'bg-red-400', label: 'Error' },
};

/** The engine, the model id, and what the key can use, with the state said in words (never in colour alone). */
export function UpstreamStatusPanel({ status }: { status: UpstreamStatusView }) {
  const style = STATE_STYLES[status.state];
  return (
    <section aria-labelledby="engine-heading" className="rounded-xl border border-zinc-800 bg-zinc-900 p-4">
      <h2 id="engine-heading" className="text-sm font-semibold text-zinc-100">
        Image engine
      </h2>
      <p role="status" className="mt-3 flex items-start gap-2 text-sm text-zinc-100">
        <span className={`mt-1.5 size-2 shrink-0 rounded-full ${style.dot}`} aria-hidden="true" />
        <span>
          <strong className="font-semibold">{style.label}.</strong> {status.message}
        </span>
      </p>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-zinc-400">Engine</dt>
        <dd className="text-zinc-100">{status.engine === 'toapis' ? 'ToAPIs' : 'Offline engine'}</dd>
        <dt className="text-zinc-400">Host</dt>
        <dd className="font-mono text-zinc-100">{status.host}</dd>
        <dt className="text-zinc-400">Model</dt>
        <dd className="font-mono text-zinc-100">
          {status.model}
          {status.modelListed === false && (
            <span className="ml-2 font-sans text-amber-200">not in the list below: tasks may be refused</span>
          )}
        </dd>
        <dt className="text-zinc-400">Webhooks</dt>
        <dd className="text-zinc-100">
          {status.webhooks ? 'On (polling stays as fallback)' : 'Off: status is polled'}
        </dd>
      </dl>
      {status.engine === 'offline' ? (
        // No key, no list: the offline engine answers to any model id, so a list would say nothing about a key.
        <p className="mt-5 text-sm text-zinc-400">
          Set <code className="font-mono text-zinc-200">TOAPIS_API_KEY</code> to run edits on ToAPIs; the image models
          the key can use are listed here then.
        </p>
      ) : (
        <>
          <h3 className="mt-5 text-xs font-semibold uppercase tracking-wide text-zinc-400">
            Image models this key can use
          </h3>
          {status.models.length > 0 ? (
            <ul aria-label="Available image models" className="mt-2 flex flex-wrap gap-2">
              {status.models.map((id) => (
                <li
                  key={id}
                  className="rounded-md border border-zinc-800 bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-200"
                >
                  {id}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-zinc-400">The list could not be read.</p>
          )}
        </>
      )}
    </section>
  );
}
