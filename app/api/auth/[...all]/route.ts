import { AUTH_BASE_PATH, getAuth, OIDC_PROVIDER_ID } from '@/lib/server/auth/accounts';
import { serverEnv } from '@/lib/server/env';
import { guardRoute } from '@/lib/server/guard';

/*
 * better-auth's HTTP endpoints, narrowed to the one a browser must reach: the identity provider's redirect back
 * (OpenID Connect). Everything else (sign-up, sign-in, sign-out, sessions) goes through our own server actions,
 * which check the mode, the rate limit and invitations first; over HTTP those paths answer 404.
 */
const CALLBACK = `${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}`;

async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (serverEnv().accounts?.oidc === undefined || pathname !== CALLBACK) {
    return Response.json(
      { error: { code: 'auth:not_found', message: 'Not found.' } },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const auth = await getAuth();
  return auth.handler(request);
}

// Public: the identity provider's redirect carries no session yet; better-auth checks its state and PKCE.
export const GET = guardRoute(handle, { access: 'public' });
