/**
 * Serve a fetch-style handler (`Request` → `Response`) with node:http: used by the contract tests and usable by a
 * future standalone engine process. No framework, no `server-only`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export type FetchHandler = (req: Request) => Promise<Response>;

export interface NodeServerHandle {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** The `Request` a node:http request describes. The body is streamed, not buffered. */
export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', origin), init);
}

/** Write a `Response` to a node:http response, streaming the body. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/** Listen on `host:port` (port 0 = any free port) and hand every request to `handler`. */
export function serveWithNode(
  handler: FetchHandler,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<NodeServerHandle> {
  return new Promise((resolve, reject) => {
    let origin = '';
    const server = createServer((req, res) => {
      handler(toWebRequest(req, origin))
        .then((response) => writeWebResponse(res, response))
        .catch((error: unknown) => {
          console.error('[node-adapter] handler failed:', error);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 500, message: 'Internal error', type: 'server_error' } }));
        });
    });
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      origin = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
      resolve({
        url: origin,
        port: actual,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
