import 'server-only';
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { eq, sql } from 'drizzle-orm';
import { serverEnv } from '../env';
import { getDb, type Db } from '../storage/db';
import { authAccounts, authSessions, authVerifications, people, workspaceSecrets } from '../storage/schema';
import { recordActivity } from '../people/activity';
import { ACCOUNT_COOKIE_PREFIX } from './account-cookie';
import { deliverResetToken, passwordWasReset } from './reset-delivery';
import { processSingleton } from '@/lib/process-singleton';

/*
 * better-auth, on the studio's own database (PGlite or PostgreSQL) through its Drizzle adapter. Only used in
 * AUTH_MODE=accounts. Sessions live in `auth_sessions` with no cookie cache, so every instance asks the database and
 * a session ended on one (sign-out, deactivation) is refused by all at once. Our own server actions call the API
 * server-side (sign-up is never reachable over HTTP: app/api/auth passes only the identity provider's paths).
 */

export const OIDC_PROVIDER_ID = 'oidc';
export const AUTH_BASE_PATH = '/api/auth';
const SESSION_DAYS = 7;
/** How long a password reset link works (password-reset.ts says so on the page and in the mail). */
export const RESET_LINK_MINUTES = 60;

async function buildAuth(db: Db) {
  const env = serverEnv();
  const oidc = env.accounts?.oidc;
  return betterAuth({
    appName: 'Overpaint',
    baseURL: env.appUrl,
    basePath: AUTH_BASE_PATH,
    secret: env.accounts?.secret ?? (await sharedSecret(db)),
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { people, authSessions, authAccounts, authVerifications },
    }),
    user: {
      modelName: 'people',
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        active: { type: 'boolean', required: false, defaultValue: true, input: false },
      },
    },
    session: { modelName: 'authSessions', expiresIn: SESSION_DAYS * 86_400, cookieCache: { enabled: false } },
    account: { modelName: 'authAccounts', accountLinking: { enabled: false } },
    // Reset tokens are as good as a password until used: only their hash is stored (the OAuth state stays plain).
    verification: {
      modelName: 'authVerifications',
      storeIdentifier: { default: 'plain', overrides: { 'reset-password:': 'hashed' } },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      autoSignIn: true,
      // Reset links (password-reset.ts): the token goes to the flow that asked for it; a reset ends every session.
      sendResetPassword: ({ user, token }) => deliverResetToken(user, token),
      resetPasswordTokenExpiresIn: RESET_LINK_MINUTES * 60,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: ({ user }) => passwordWasReset(user.id),
    },
    // The identity provider's refusals (and a broken callback) land on the sign-in page, which says what happened.
    onAPIError: { errorURL: '/login' },
    // Sign-in attempts are counted in the database by our own limiter (login-attempts.ts), per account and address.
    rateLimit: { enabled: false },
    logger: { level: 'error' },
    advanced: { cookiePrefix: ACCOUNT_COOKIE_PREFIX, useSecureCookies: env.appUrl?.startsWith('https:') ?? false },
    databaseHooks: {
      session: {
        create: {
          // A deactivated person cannot start a session, whichever way they sign in.
          before: async (session) => {
            const [person] = await db
              .select({ active: people.active })
              .from(people)
              .where(eq(people.id, session.userId))
              .limit(1);
            return person?.active === false ? false : undefined;
          },
          // Every way in (password, identity provider, joining) passes here once: one log line each.
          after: async (session) => {
            await recordActivity({ id: session.userId }, 'sign-in', {});
          },
        },
      },
    },
    plugins: [
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  name: oidc.name,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  requireIdTokenVerification: true,
                },
              ],
            }),
          ]
        : []),
      // Last: copies the cookies better-auth sets onto the server action's response.
      nextCookies(),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof buildAuth>>;

const auth = processSingleton<Promise<Auth> | undefined>('accounts-auth', () => undefined);

/** The one better-auth instance of this process, built on first use (never at import: `next build` must not open it). */
export function getAuth(): Promise<Auth> {
  if (serverEnv().authMode !== 'accounts') throw new Error('Accounts are only used with AUTH_MODE=accounts');
  const made = auth.get();
  if (made) return made;
  const building = getDb()
    .then(buildAuth)
    .catch((error: unknown) => {
      auth.take();
      throw error;
    });
  auth.set(building);
  return building;
}

/** The signing key every instance shares: made once, kept in the database (AUTH_SECRET overrides it). */
async function sharedSecret(db: Db): Promise<string> {
  await db
    .insert(workspaceSecrets)
    .values({ name: 'auth', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: workspaceSecrets.value })
    .from(workspaceSecrets)
    .where(eq(workspaceSecrets.name, sql`'auth'`));
  if (!row) throw new Error('The session signing key could not be stored');
  return row.value;
}
