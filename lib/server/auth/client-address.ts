import 'server-only';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { serverEnv } from '../env';
import { holdAtFrontDoor, type FrontDoorChecks } from './front-door';
import { processSingleton } from '@/lib/process-singleton';

/*
 * Who is asking, for the login limiter. Next hands pages, actions and the proxy a request without its socket, and
 * fills `X-Forwarded-For` from the socket only when the client did not send one, so a client could name itself.
 * So the server stamps every incoming request with its socket address in a header of its own, tagged with a
 * per-process secret a client cannot forge. `X-Forwarded-For` counts only when TRUSTED_PROXY says a reverse
 * proxy sets it, and then only the entry that proxy appended.
 */

export const PEER_HEADER = 'x-overpaint-peer';

const peerTagValue = processSingleton('peer-tag', () => randomBytes(12).toString('base64url'));
const frontDoor = processSingleton('front-door', () => ({ installed: false }));

function peerTag(): string {
  return peerTagValue.get();
}

/**
 * The server's front door, on the raw request before Next sees it (installed once at boot): stamps each request's
 * socket address on it, and holds back large bodies before login (front-door.ts). Requests that arrived while the
 * server was still booting carry no stamp and share one bucket ('unknown').
 */
export function installFrontDoor(checks: FrontDoorChecks): void {
  if (frontDoor.get().installed) return;
  frontDoor.get().installed = true;
  const tag = peerTag();
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function stampPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = `${tag} ${request.socket.remoteAddress ?? 'unknown'}`;
      const admit = () => emit.apply(this, [event, ...args]);
      if (holdAtFrontDoor(request, args[1] as http.ServerResponse, admit, checks)) return true;
    }
    return emit.apply(this, [event, ...args]);
  } as typeof http.Server.prototype.emit;
}

/** The socket address stamped on this request, or undefined when it carries no genuine stamp. */
export function peerAddress(headers: Headers): string | undefined {
  const [tag, address] = (headers.get(PEER_HEADER) ?? '').split(' ');
  return tag === peerTag() && address ? address : undefined;
}

/**
 * The client's address as well as we can tell: with TRUSTED_PROXY=N, the entry the outermost trusted proxy added
 * to `X-Forwarded-For` (N from the right); otherwise the socket address. Forwarding headers a client sends itself
 * never count.
 */
export function clientKey(headers: Headers, trustedProxies = serverEnv().trustedProxies): string {
  if (trustedProxies > 0) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const fromProxy = chain[chain.length - trustedProxies];
    if (fromProxy) return fromProxy;
  }
  return peerAddress(headers) ?? 'unknown';
}
