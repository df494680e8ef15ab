/**
 * A real OpenID Connect provider for tests (the `oidc-provider` package, certified by the OpenID Foundation), in
 * this process on a loopback port: discovery, its own login and consent pages, the token endpoint with the client
 * secret, signed ID tokens and the JWKS. One confidential client and one person.
 *
 *   const idp = await startOidcProvider({ redirectUri: `${appUrl}/api/auth/callback/oidc` });
 *   // OIDC_ISSUER=idp.issuer OIDC_CLIENT_ID=idp.clientId OIDC_CLIENT_SECRET=idp.clientSecret
 *   await idp.close();
 *
 * Its login page accepts any password (it is the package's development interaction); only `person.login` names an
 * account, so another login name is refused.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcPerson {
  /** What to type into the provider's login field. */
  login: string;
  email: string;
  name: string;
}

export interface OidcProviderHandle {
  /** http://127.0.0.1:<port>, the OIDC_ISSUER. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  person: OidcPerson;
  /** Paths the app asked of the provider (to see the token exchange happen server-to-server). */
  requests: string[];
  close(): Promise<void>;
}

export const OIDC_PERSON: OidcPerson = { login: 'iris', email: 'iris@idp.example.com', name: 'Iris Identity' };

export async function startOidcProvider(options: {
  redirectUri: string;
  person?: OidcPerson;
}): Promise<OidcProviderHandle> {
  const person = options.person ?? OIDC_PERSON;
  const clientId = 'overpaint-e2e';
  const clientSecret = randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'e2e', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // The ID token carries the claims itself (better-auth reads them from it after checking its signature).
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      if (id !== person.login) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: person.email, email_verified: true, name: person.name };
        },
      };
    },
  });
  // Plain http on loopback: the provider must not insist on https cookies or redirects.
  provider.proxy = false;
  const requests: string[] = [];
  const handler = provider.callback();
  server.on('request', (request, response) => {
    requests.push(new URL(request.url ?? '/', issuer).pathname);
    handler(request, response);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    person,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
