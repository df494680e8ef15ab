/**
 * The login limiter through real PGlite: past the overall cap a fresh client is slowed down, never refused, while
 * a client past its own limit is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-login-'));
beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
  processSingleton('server-env', () => undefined).take();
});
afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('login attempts', () => {
  it('slow down past the overall cap without refusing anyone for it, and refuse a client past its own limit', async () => {
    const { takeLoginAttempt } = await import('./login-attempts');
    const { SLOW_DOWN_MS } = await import('./login-limiter');
    const options = { perClient: 2, overall: 6, windowMs: 60_000 };
    for (let i = 0; i < 6; i++)
      expect(await takeLoginAttempt(`guesser-${i}`, options)).toEqual({ allowed: true, delayMs: 0 });
    // The overall cap is reached: the owner, from a fresh address, still gets to try (after a pause).
    expect(await takeLoginAttempt('owner', options)).toEqual({ allowed: true, delayMs: SLOW_DOWN_MS });
    expect(await takeLoginAttempt('guesser-0', options)).toEqual({ allowed: true, delayMs: SLOW_DOWN_MS });
    const refused = await takeLoginAttempt('guesser-0', options);
    expect(refused.allowed).toBe(false);
  }, 120_000);
});
