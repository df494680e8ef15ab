import 'server-only';
import { normalizeUpstreamTask } from '@/lib/toapis/normalize';
import { verifyWebhook } from '@/lib/toapis/webhook';
import { serverEnv } from '../env';
import { applyTask } from './advance';
import { wakeJobRunner } from './runner';
import { findJobByUpstreamId, recordWebhookEvent } from './task-records';

export interface WebhookAnswer {
  status: number;
  body: { ok: boolean; message: string };
}

/**
 * Takes one ToAPIs task webhook: verifies signature and timestamp, rejects replays (an event id already taken),
 * and moves the matching job on without waiting for its next poll. Polling stays the fallback: a webhook that never
 * comes, or is refused, changes nothing. 401 for anything unauthenticated, 2xx otherwise (upstream retries non-2xx).
 */
export async function receiveWebhook(headers: Headers, rawBody: string): Promise<WebhookAnswer> {
  const secret = serverEnv().toapis.webhookSecret;
  if (!secret) return { status: 404, body: { ok: false, message: 'Webhooks are not enabled on this server.' } };
  const check = verifyWebhook(secret, headers, rawBody);
  if (!check.ok) {
    console.warn(`[overpaint] webhook refused: ${check.reason}`);
    return { status: 401, body: { ok: false, message: 'Invalid webhook signature.' } };
  }
  let event: { type?: unknown; data?: unknown };
  try {
    event = JSON.parse(rawBody) as typeof event;
  } catch {
    return { status: 400, body: { ok: false, message: 'The webhook body is not JSON.' } };
  }
  const data = (typeof event.data === 'object' && event.data) || {};
  const taskId =
    typeof (data as { task_id?: unknown }).task_id === 'string' ? (data as { task_id: string }).task_id : null;
  if (!(await recordWebhookEvent(check.id, taskId))) {
    console.warn(`[overpaint] webhook refused: replay of ${check.id.slice(0, 40)}`);
    return { status: 401, body: { ok: false, message: 'This event was already delivered.' } };
  }
  if (event.type === 'endpoint.test' || !taskId) return { status: 200, body: { ok: true, message: 'Received.' } };

  const job = await findJobByUpstreamId(taskId);
  // Not ours (another app on the same token), or already finished by polling: nothing to do.
  if (!job || job.phase !== 'poll') return { status: 200, body: { ok: true, message: 'Nothing to update.' } };
  await applyTask(job, normalizeUpstreamTask(data), { mirrorNow: false });
  // Download now rather than at the next tick; not awaited, so upstream gets its answer within its timeout.
  wakeJobRunner();
  return { status: 200, body: { ok: true, message: 'Updated.' } };
}
