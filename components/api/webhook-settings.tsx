'use client';

import { useState } from 'react';
import { registerWebhook, resendWebhook } from '@/app/settings/webhook-actions';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhooks/events';
import type { WebhookDeliveryView, WebhookEndpointView } from '@/lib/webhooks/types';

const STATUS_WORDS: Record<WebhookDeliveryView['status'], string> = {
  pending: 'Waiting to retry',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** Settings → Webhooks (admins): register an endpoint (its secret shown once), see deliveries, Resend. */
export function WebhookSettings({
  endpoints: initialEndpoints,
  deliveries,
}: {
  endpoints: WebhookEndpointView[];
  deliveries: WebhookDeliveryView[];
}) {
  const [endpoints, setEndpoints] = useState(initialEndpoints);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  async function register() {
    try {
      const result = await registerWebhook({ url, events });
      if (!result.ok) return setMessage(result.error.message);
      setEndpoints((all) => [result.data.endpoint, ...all]);
      setSecret(result.data.secret);
      setUrl('');
      setMessage('Endpoint registered. Copy its signing secret now: it is shown only once.');
    } catch {
      setMessage('The endpoint could not be registered (the server did not answer).');
    }
  }

  async function resend(delivery: WebhookDeliveryView) {
    try {
      const result = await resendWebhook(delivery.id);
      setMessage(result.ok ? 'Sending again within a few seconds; reload to see the answer.' : result.error.message);
    } catch {
      setMessage('The delivery could not be resent (the server did not answer).');
    }
  }

  return (
    <section aria-labelledby="webhooks-heading" className="flex flex-col gap-3 rounded-xl border border-zinc-800 p-4">
      <h2 id="webhooks-heading" className="text-base font-semibold text-zinc-100">
        Webhooks
      </h2>
      <p className="text-sm text-zinc-400">
        Events are POSTed as JSON, signed with HMAC-SHA256 over <span className="font-mono">timestamp.body</span> in the{' '}
        <span className="font-mono">Overpaint-Signature</span> header, and retried for a day.
      </p>
      <form
        className="flex flex-col gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void register();
        }}
      >
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Endpoint URL
          <input
            type="url"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            className="rounded-lg border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-zinc-100"
          />
        </label>
        <fieldset className="flex flex-wrap gap-3 text-sm text-zinc-300">
          <legend className="mb-1">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(change) => {
                  const on = change.currentTarget.checked;
                  setEvents((all) => (on ? [...all, event] : all.filter((e) => e !== event)));
                }}
              />
              {WEBHOOK_EVENT_LABELS[event]}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="self-start rounded-lg bg-violet-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-violet-800"
        >
          Register webhook
        </button>
      </form>
      {secret && (
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Signing secret
          <input
            readOnly
            value={secret}
            className="rounded-lg border border-amber-500/60 bg-zinc-950 px-2 py-1.5 font-mono text-xs text-zinc-100"
          />
        </label>
      )}
      <p aria-live="polite" className="min-h-5 text-sm text-zinc-300">
        {message}
      </p>
      <ul aria-label="Webhook endpoints" className="flex flex-col gap-1 text-sm text-zinc-300">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} className="font-mono text-xs">
            {endpoint.url} · {endpoint.events.join(', ')}
          </li>
        ))}
      </ul>
      <h3 className="text-sm font-semibold text-zinc-200">Recent deliveries</h3>
      {deliveries.length === 0 ? (
        <p className="text-sm text-zinc-400">No deliveries yet.</p>
      ) : (
        <ul aria-label="Webhook deliveries" className="flex flex-col gap-2">
          {deliveries.map((delivery) => (
            <li
              key={delivery.id}
              aria-label={`${delivery.event} to ${delivery.endpointUrl}`}
              className="flex items-start justify-between gap-3 rounded-lg border border-zinc-800 bg-zinc-900 p-2 text-xs text-zinc-300"
            >
              <span className="min-w-0 break-words">
                <span className="font-medium text-zinc-100">{delivery.event}</span> · {STATUS_WORDS[delivery.status]} ·{' '}
                {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'} · answer {delivery.lastStatus ?? 'none'}
                {delivery.lastResponse ? `: ${delivery.lastResponse}` : ''}
              </span>
              {delivery.status !== 'delivered' && (
                <button
                  type="button"
                  onClick={() => void resend(delivery)}
                  className="shrink-0 rounded-lg border border-zinc-600 px-2 py-1 text-zinc-100 hover:bg-zinc-800"
                >
                  Resend
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
