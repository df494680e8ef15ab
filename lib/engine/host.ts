import 'server-only';
import { randomBytes } from 'node:crypto';
import { serverEnv } from '@/lib/server/env';
import { registerSecret } from '@/lib/toapis/errors';
import { createEngine, type Engine } from './engine';

/**
 * The engine inside this Next server: one per process, shared by every bundle (route handlers and server actions
 * may be separate module graphs, so the singleton and the secret live on `globalThis`).
 */
const globalForEngine = globalThis as unknown as { __overpaintEngine?: Engine; __overpaintEngineSecret?: string };

export const OFFLINE_MODEL = 'offline-engine';

/** A random per-boot secret: the engine is reachable on localhost, so only this process may call it. */
export function engineSecret(): string {
  if (!globalForEngine.__overpaintEngineSecret) {
    globalForEngine.__overpaintEngineSecret = randomBytes(32).toString('hex');
    registerSecret(globalForEngine.__overpaintEngineSecret);
  }
  return globalForEngine.__overpaintEngineSecret;
}

/** Where this process reaches its own engine mount (`app/engine/v1/[...path]/route.ts`). */
export function engineBaseUrl(): string {
  return `http://127.0.0.1:${serverEnv().port}/engine`;
}

/** The engine, created on first use (never at import, so `next build` opens nothing). */
export function getEngine(): Engine {
  globalForEngine.__overpaintEngine ??= createEngine({
    dataDir: serverEnv().dataDir,
    secret: engineSecret(),
    publicBaseUrl: engineBaseUrl(),
  });
  return globalForEngine.__overpaintEngine;
}

/** Client settings for talking to the built-in engine over HTTP, exactly as to ToAPIs. */
export function offlineUpstreamConfig(): { baseUrl: string; apiKey: string; model: string } {
  return { baseUrl: engineBaseUrl(), apiKey: engineSecret(), model: OFFLINE_MODEL };
}

/** Stop the engine (on shutdown): running work stops at a stage boundary and resumes on the next boot. */
export async function closeEngine(): Promise<void> {
  const engine = globalForEngine.__overpaintEngine;
  globalForEngine.__overpaintEngine = undefined;
  await engine?.close();
}
