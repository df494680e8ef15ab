import { afterEach, describe, expect, it } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

const KEYS = [
  'TOAPIS_API_KEY',
  'TOAPIS_BASE_URL',
  'TOAPIS_ALLOW_INSECURE_HTTP',
  'TOAPIS_FILE_HOSTS',
  'TASK_DEADLINE_MINUTES',
];
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));

// serverEnv() reads process.env once per process: each case sets its settings and drops the cached env.
async function envWith(settings: Record<string, string>) {
  for (const key of KEYS) delete process.env[key];
  Object.assign(process.env, settings);
  processSingleton('server-env', () => undefined).take();
  const { serverEnv } = await import('./env');
  return () => serverEnv();
}

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  processSingleton('server-env', () => undefined).take();
});

describe('upstream settings', () => {
  it('refuses a plain-http base URL on another machine while a key is set, naming the setting, never the key', async () => {
    const read = await envWith({ TOAPIS_API_KEY: 'sk-secret-value', TOAPIS_BASE_URL: 'http://relay.example.com' });
    expect(read).toThrow(/^Invalid configuration: TOAPIS_BASE_URL: .*TOAPIS_ALLOW_INSECURE_HTTP=true/);
    expect(read).not.toThrow(/sk-secret-value/);
  });

  it('lets it through when explicitly allowed, on loopback, or with https', async () => {
    const allowed = await envWith({
      TOAPIS_API_KEY: 'k',
      TOAPIS_BASE_URL: 'http://relay.example.com',
      TOAPIS_ALLOW_INSECURE_HTTP: 'true',
    });
    expect(allowed().toapis.baseUrl).toBe('http://relay.example.com');
    for (const url of [
      'http://127.0.0.1:4010',
      'http://localhost:4010',
      'http://[::1]:4010',
      'https://relay.example.com',
    ]) {
      const read = await envWith({ TOAPIS_API_KEY: 'k', TOAPIS_BASE_URL: url });
      expect(read().toapis.baseUrl).toBe(url);
    }
  });

  it('file hosts: files.toapis.com by default; a list of https hosts from TOAPIS_FILE_HOSTS; http refused', async () => {
    expect((await envWith({}))().toapis.fileHosts).toEqual(['files.toapis.com']);
    const listed = await envWith({ TOAPIS_FILE_HOSTS: 'cdn.example.com, https://Files.Other.example' });
    expect(listed().toapis.fileHosts).toEqual(['cdn.example.com', 'files.other.example']);
    for (const bad of ['http://cdn.example.com', 'cdn.example.com/path', 'https://cdn.example.com:8443']) {
      const read = await envWith({ TOAPIS_FILE_HOSTS: bad });
      expect(read).toThrow(/^Invalid configuration: TOAPIS_FILE_HOSTS: .*not an https host name/);
    }
  });

  it('every task has a deadline: 30 minutes by default, TASK_DEADLINE_MINUTES to change it', async () => {
    expect((await envWith({}))().taskDeadlineMs).toBe(30 * 60_000);
    expect((await envWith({ TASK_DEADLINE_MINUTES: '45' }))().taskDeadlineMs).toBe(45 * 60_000);
    expect(await envWith({ TASK_DEADLINE_MINUTES: '0' })).toThrow(/TASK_DEADLINE_MINUTES/);
  });
});
