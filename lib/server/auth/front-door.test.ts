import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { processSingleton } from '@/lib/process-singleton';
import { holdAtFrontDoor } from './front-door';

/*
 * The front door on a real socket: a large body before login is refused unread, unless it is an /api/v1 request
 * whose access token checks out. The handler counts what it would have read, so a refusal that still buffered the
 * body would show.
 */

const LIVE_TOKEN = 'op_live_token_for_the_front_door_test';
const checked: string[] = [];
let reached: Array<{ url: string; bytes: number }> = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  process.env.APP_PASSWORD = 'front-door test password';
  processSingleton('server-env', () => undefined).take();
  server = http.createServer((request, response) => {
    const admit = () => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        reached.push({ url: request.url ?? '', bytes });
        response.end('reached');
      });
    };
    const checks = {
      apiTokenIsValid: async (token: string) => {
        checked.push(token);
        return token === LIVE_TOKEN;
      },
    };
    if (!holdAtFrontDoor(request, response, admit, checks)) admit();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server.close();
  delete process.env.APP_PASSWORD;
  processSingleton('server-env', () => undefined).take();
});

async function post(path: string, bytes: number, headers: Record<string, string> = {}) {
  reached = [];
  const response = await fetch(`${base}${path}`, { method: 'POST', body: new Uint8Array(bytes), headers });
  return { status: response.status, text: await response.text(), reached };
}

describe('holdAtFrontDoor', () => {
  it('lets small bodies before login through, and refuses a large one without a session with 413', async () => {
    expect((await post('/login', 1000)).status).toBe(200);
    const large = await post('/api/anything', 200_000);
    expect(large.status).toBe(413);
    expect(large.text).toMatch(/at most 64 KB/);
    expect(large.reached).toEqual([]);
  });

  it('refuses a large /api/v1 body with a made-up access token with 401, naming the header, and reads none of it', async () => {
    const forged = await post('/api/v1/references', 2_000_000, { Authorization: 'Bearer op_made_up' });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text)).toMatchObject({ error: { code: 'api:token_invalid', field: 'Authorization' } });
    expect(forged.reached).toEqual([]);
    expect(checked).toContain('op_made_up');
  });

  it('hands a large /api/v1 body with a live token to the app, whole', async () => {
    const live = await post('/api/v1/references', 2_000_000, { Authorization: `Bearer ${LIVE_TOKEN}` });
    expect(live.status).toBe(200);
    expect(live.reached).toEqual([{ url: '/api/v1/references', bytes: 2_000_000 }]);
  });

  it('gives a live token no way past the cap outside /api/v1', async () => {
    const elsewhere = await post('/api/assets/x', 200_000, { Authorization: `Bearer ${LIVE_TOKEN}` });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.reached).toEqual([]);
  });
});
