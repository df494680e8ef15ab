import 'server-only';
import os from 'node:os';
import { serverEnv } from '../env';

/*
 * DNS rebinding: a page on another site can point its own name at this machine and then read an open studio as if
 * it were same-origin. The browser still sends the attacker's name in `Host`, so an open studio (no APP_PASSWORD)
 * answers only to names that are its own: loopback, this machine's name and addresses, APP_URL's host and any in
 * ALLOWED_HOSTS. A studio with a password is protected by its session cookie, which the attacker's name never gets.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

let ownHosts: Set<string> | undefined;

function machineHosts(): Set<string> {
  if (ownHosts) return ownHosts;
  const hosts = new Set<string>([os.hostname().toLowerCase()]);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? [])
      hosts.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
  }
  ownHosts = hosts;
  return hosts;
}

/** The host name of a `Host` header, lower case, without its port (`[::1]:3000` → `[::1]`). */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.replace(/:\d+$/, '');
}

/** Whether an open studio should answer a request with this `Host`. Always true once a sign-in is required. */
export function hostIsAllowed(header: string | null): boolean {
  const env = serverEnv();
  if (env.authMode !== 'open') return true;
  if (!header) return false;
  const name = hostName(header);
  if (LOOPBACK.has(name) || name.endsWith('.localhost')) return true;
  if (env.appUrl && new URL(env.appUrl).hostname.toLowerCase() === name) return true;
  if (env.allowedHosts.includes(name)) return true;
  if (env.listenHost && hostName(env.listenHost) === name) return true;
  return machineHosts().has(name);
}
