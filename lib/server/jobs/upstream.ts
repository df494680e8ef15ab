import 'server-only';
import { offlineUpstreamConfig } from '@/lib/engine/host';
import { createTokenBucket, DEFAULT_BUDGETS } from '@/lib/toapis/budget';
import { createToapisClient, type ToapisClient } from '@/lib/toapis/client';
import { serverEnv } from '../env';

const globalForUpstream = globalThis as unknown as { __overpaintUpstream?: ToapisClient };

/**
 * The one upstream client: ToAPIs when a key is set, otherwise the offline engine mounted in this app, reached
 * the same way, over HTTP.
 */
export function upstreamClient(): ToapisClient {
  if (globalForUpstream.__overpaintUpstream) return globalForUpstream.__overpaintUpstream;
  const env = serverEnv();
  const client =
    env.engine === 'toapis' && env.toapis.apiKey
      ? createToapisClient({
          baseUrl: env.toapis.baseUrl,
          apiKey: env.toapis.apiKey,
          model: env.toapis.model,
          // One budget per kind for the whole process: every task's polls draw from the same bucket.
          budgets: {
            create: createTokenBucket(DEFAULT_BUDGETS.create),
            status: createTokenBucket(DEFAULT_BUDGETS.status),
          },
        })
      : createToapisClient(offlineUpstreamConfig());
  globalForUpstream.__overpaintUpstream = client;
  return client;
}
