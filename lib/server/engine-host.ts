import 'server-only';
import { randomBytes } from 'node:crypto';
import { serverEnv } from './env';
import { registerSecret } from '@/lib/toapis/errors';
import { createEngine, type Engine } from '@/lib/engine/engine';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The engine inside this Next server: one per process, shared by every bundle (route handlers and server actions
 * may be separate module graphs, so the engine and its secret are process singletons).
 */
const secret = processSingleton('engine-secret', () => {
  const value = randomBytes(32).toString('hex');
  registerSecret(value);
  return value;
});
const engine = processSingleton<Engine>('engine', () =>
  createEngine({ dataDir: serverEnv().dataDir, secret: engineSecret(), publicBaseUrl: engineBaseUrl() }),
);

const OFFLINE_MODEL = 'offline-engine';

/** A random per-boot secret: the engine is reachable on localhost, so only this process may call it. */
function engineSecret(): string {
  return secret.get();
}

/** Where this process reaches its own engine mount (`app/engine/v1/[...path]/route.ts`). */
function engineBaseUrl(): string {
  return `http://127.0.0.1:${serverEnv().port}/engine`;
}

/** The engine, created on first use (never at import, so `next build` opens nothing). */
export function getEngine(): Engine {
  return engine.get();
}

/** Client settings for talking to the built-in engine over HTTP, exactly as to ToAPIs. */
export function offlineUpstreamConfig(): { baseUrl: string; apiKey: string; model: string } {
  return { baseUrl: engineBaseUrl(), apiKey: engineSecret(), model: OFFLINE_MODEL };
}

/** Stop the engine (on shutdown): running work stops at a stage boundary and resumes on the next boot. */
export async function closeEngine(): Promise<void> {
  await engine.take()?.close();
}
