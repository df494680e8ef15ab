import 'server-only';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/*
 * SSRF: a webhook URL is chosen by an admin, but the server makes the request, from inside the network. Unless
 * WEBHOOK_ALLOW_PRIVATE_ADDRESSES is set, a URL whose host resolves to a loopback, private, link-local (cloud
 * metadata), shared or unspecified address is refused, checked at registration and again before every attempt
 * (a name can be pointed elsewhere later).
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Null when the server may send to `url`; otherwise why not, as a sentence for the admin. */
export async function webhookTargetProblem(url: string, allowPrivate: boolean): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'URL: not a valid address.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'URL: use an http:// or https:// address.';
  if (parsed.username || parsed.password) return 'URL: leave credentials out of the address.';
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (all) => all.map((a) => a.address),
        () => [],
      );
  if (addresses.length === 0) return `URL: the host ${host} could not be resolved.`;
  if (addresses.some(isPrivateAddress)) {
    return `URL: ${host} is a private or local address; set WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true to allow it.`;
  }
  return null;
}
