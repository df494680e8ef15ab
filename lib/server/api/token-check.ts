import 'server-only';
import type { AppError } from '@/lib/errors';
import { runAs } from '../auth/acting-as';
import { refusalFor, roleAllows, type Permission } from '../auth/roles';
import { serverEnv } from '../env';
import { takeApiHit } from './rate-limit';
import { resolveApiToken } from './tokens';

/*
 * The door of /api/v1 (guard.ts calls it for routes declared `{ token: permission }`): a bearer token, its scope
 * (read tokens only read: `view`), the person's role, and the per-token rate limit. The handler then runs as the
 * token's person, so it calls the studio's own code paths and they apply the same rules (lib/server/auth/acting-as.ts).
 */

const NO_TOKEN =
  'Send an access token in the Authorization header (Authorization: Bearer op_…); create one in Settings under Access tokens.';
const BAD_TOKEN = 'This access token is not valid: it was revoked, mistyped, or its person was deactivated.';
const READ_ONLY = 'This access token is read-only: create a token with the write scope in Settings to do this.';

export function apiError(status: number, error: AppError, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export async function withApiToken(
  request: Request,
  need: Permission,
  run: () => Promise<Response>,
): Promise<Response> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) return apiError(401, { code: 'api:token_required', message: NO_TOKEN, field: 'Authorization' });
  const holder = await resolveApiToken(match[1]!);
  if (!holder) return apiError(401, { code: 'api:token_invalid', message: BAD_TOKEN, field: 'Authorization' });
  if (need !== 'view' && holder.scope !== 'write') return apiError(403, { code: 'api:read_only', message: READ_ONLY });
  if (!roleAllows(holder.actor.role, need))
    return apiError(403, { code: 'auth:forbidden', message: refusalFor(holder.actor.role, need) });
  const verdict = await takeApiHit(holder.tokenId, serverEnv().apiRatePerMinute);
  if (!verdict.allowed) {
    return apiError(
      429,
      {
        code: 'api:rate_limited',
        message: `Too many requests with this token: try again in ${verdict.retryAfterS} s.`,
      },
      { 'Retry-After': String(verdict.retryAfterS) },
    );
  }
  return runAs(holder.actor, run);
}
