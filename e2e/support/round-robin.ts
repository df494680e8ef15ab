/**
 * A load balancer for tests: one origin in front of several app instances, sending each request to the next one in
 * turn (no sticky sessions, as the README allows). The browser sees one site, so its storage and cookies are one
 * browser's, while its requests land on every instance.
 *
 *   const lb = await startRoundRobin([a.url, b.url]);
 *   await page.goto(lb.url);
 *   lb.served;        // requests per instance, in the order given
 *   await lb.close();
 *
 * Requests and responses are streamed through unchanged, Host header included, as a TCP-level balancer would.
 */
import http from 'node:http';

export interface RoundRobin {
  url: string;
  /** How many requests each target has been sent. */
  served: number[];
  close(): Promise<void>;
}

export async function startRoundRobin(targets: string[]): Promise<RoundRobin> {
  const served = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    served[index]! += 1;
    const target = new URL(req.url ?? '/', targets[index]);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
