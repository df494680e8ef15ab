import 'server-only';
import { serverEnv } from '../env';

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin for absolute links (share URLs, Open Graph images): APP_URL when set, else what the request says,
 * honouring a reverse proxy's X-Forwarded-* headers. A malformed host falls back to localhost rather than
 * letting a forged header into a link.
 */
export function publicOrigin(headers: Headers): string {
  const configured = serverEnv().appUrl;
  if (configured) return configured;
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]?.trim() ?? '';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${HOST.test(host) ? host : `localhost:${serverEnv().port}`}`;
}
