import 'server-only';
import { offlineUpstreamConfig } from '@/lib/server/engine-host';
import { createTokenBucket, DEFAULT_BUDGETS, type RequestBudget } from '@/lib/toapis/budget';
import { createToapisClient, type ToapisClient } from '@/lib/toapis/client';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { createSharedBudget } from './shared-budget';
import { processSingleton } from '@/lib/process-singleton';

/**
 * One budget per kind, shared by every task: in this process (PGlite allows one process per DATA_DIR), or in the
 * PostgreSQL server that every instance shares, since upstream counts per key, not per instance.
 */
function requestBudgets(shared: boolean): { create: RequestBudget; status: RequestBudget } {
  if (!shared) {
    return { create: createTokenBucket(DEFAULT_BUDGETS.create), status: createTokenBucket(DEFAULT_BUDGETS.status) };
  }
  return {
    create: createSharedBudget('create', DEFAULT_BUDGETS.create, getDb),
    status: createSharedBudget('status', DEFAULT_BUDGETS.status, getDb),
  };
}

/**
 * The one upstream client: ToAPIs when a key is set, otherwise the offline engine mounted in this app, reached
 * the same way, over HTTP.
 */
export function upstreamClient(): ToapisClient {
  return client.get();
}

const client = processSingleton<ToapisClient>('upstream-client', () => {
  const env = serverEnv();
  return env.engine === 'toapis' && env.toapis.apiKey
    ? createToapisClient({
        baseUrl: env.toapis.baseUrl,
        apiKey: env.toapis.apiKey,
        model: env.toapis.model,
        fileHosts: env.toapis.fileHosts,
        budgets: requestBudgets(env.databaseUrl !== undefined),
      })
    : createToapisClient(offlineUpstreamConfig());
});
