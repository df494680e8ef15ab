import 'server-only';
import type { EngineState, UpstreamStatusView } from '@/lib/jobs/engine-status';
import { isUpstreamError } from '@/lib/toapis/errors';
import { serverEnv } from '../env';
import { upstreamClient } from './upstream-client';
import { lastAccountProblem } from './account-problem';

/** Asks the engine which image models the key may use, and words what that (or the last refusal) means. */
export async function upstreamStatus(): Promise<UpstreamStatusView> {
  const env = serverEnv();
  const offline = env.engine === 'offline';
  const base: Omit<UpstreamStatusView, 'state' | 'message' | 'models' | 'modelListed'> = {
    engine: env.engine,
    model: offline ? 'offline-engine' : env.toapis.model,
    host: offline ? 'built in (this server)' : new URL(env.toapis.baseUrl).host,
    webhooks: !offline && Boolean(env.toapis.webhookSecret),
  };
  let models: string[];
  try {
    models = await upstreamClient().listModels();
  } catch (error) {
    const kind = isUpstreamError(error) ? error.kind : 'server';
    const state: EngineState =
      kind === 'auth'
        ? 'unauthorized'
        : kind === 'quota'
          ? 'no_credit'
          : kind === 'network' || kind === 'timeout'
            ? 'unreachable'
            : 'error';
    return { ...base, state, message: MESSAGES[state], models: [], modelListed: null };
  }
  const modelListed = models.includes(base.model);
  if (offline) return { ...base, state: 'offline', message: MESSAGES.offline, models, modelListed };
  // The model list answers even when the balance is empty: a 402 the runner met recently says more.
  const problem = await lastAccountProblem();
  if (problem) {
    const state = problem.kind === 'quota' ? 'no_credit' : 'unauthorized';
    return {
      ...base,
      state,
      message: `${MESSAGES[state]} (last refusal at ${problem.at.toISOString().slice(11, 16)} UTC)`,
      models,
      modelListed,
    };
  }
  return { ...base, state: 'ok', message: MESSAGES.ok, models, modelListed };
}

const MESSAGES: Record<EngineState, string> = {
  ok: 'The key works: edits go to ToAPIs.',
  offline:
    'No API key is set (TOAPIS_API_KEY), so edits run on the built-in offline engine: classical image processing, not a generative model.',
  unauthorized: 'ToAPIs rejected the API key (401). Check TOAPIS_API_KEY and restart the server.',
  no_credit: 'The ToAPIs account is out of credit (402). Top up the balance, then retry failed tasks.',
  unreachable: 'ToAPIs could not be reached. Check TOAPIS_BASE_URL and the network.',
  error: 'ToAPIs answered with an error when asked for the model list. Try again shortly.',
};
