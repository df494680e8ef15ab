import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { processSingleton } from '@/lib/process-singleton';

afterEach(() => {
  delete process.env.APP_PASSWORD;
  processSingleton('server-env', () => undefined).take();
});

describe('clientKey', () => {
  it('uses the socket address the front door stamped, whatever forwarding headers the client sends', async () => {
    const { clientKey, installFrontDoor } = await import('./client-address');
    installFrontDoor({ apiTokenIsValid: async () => false });
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      const headers = new Headers(request.headers as Record<string, string>);
      seen.push(clientKey(headers, 0), clientKey(headers, 1));
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/`, {
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.2', 'x-overpaint-peer': 'forged 1.2.3.4' },
    });
    server.close();
    // No trusted proxy: the socket. One trusted proxy: the entry it appended (here the forged one, as a proxy would).
    expect(seen).toEqual(['127.0.0.1', '203.0.113.7']);
  });

  it('never believes a peer stamp it did not make, and takes the Nth entry from the right behind N proxies', async () => {
    const { clientKey } = await import('./client-address');
    expect(clientKey(new Headers({ 'x-overpaint-peer': 'guess 10.0.0.1' }), 0)).toBe('unknown');
    const chain = new Headers({ 'x-forwarded-for': 'forged, 203.0.113.7, 10.0.0.2' });
    expect(clientKey(chain, 1)).toBe('10.0.0.2');
    expect(clientKey(chain, 2)).toBe('203.0.113.7');
    expect(clientKey(new Headers(), 0)).toBe('unknown');
  });
});
