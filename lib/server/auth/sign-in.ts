import 'server-only';
import { isAPIError } from 'better-auth/api';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { claimUnownedWork } from '../people/ownership';
import { recordActivity } from '../people/activity';
import { getDb } from '../storage/db';
import { people } from '../storage/schema';
import { getAuth, OIDC_PROVIDER_ID } from './accounts';
import { clientKey } from './client-address';
import { forgetLoginAttempts, takeLoginAttempt } from './login-attempts';
import type { Role } from './roles';

/*
 * Accounts mode: creating the owner, signing in and out, through better-auth's server API. The session cookie is set
 * on the server action's response by better-auth's nextCookies plugin.
 */

/** Any fixed 64-bit number, the same in every instance: "Overpaint owner creation". */
const OWNER_LOCK_KEY = 7_001_000_019;

export const newPersonSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100, 'That name is too long.'),
  email: z
    .email('Enter an email address.')
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: z.string().min(8, 'Use at least 8 characters.').max(256, 'That password is too long.'),
});
export type NewPerson = z.infer<typeof newPersonSchema>;

const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: z.string().max(256),
});

/** Whether anyone has an account yet (no: every page leads to "Create the owner account"). */
export async function anyoneExists(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: people.id }).from(people).limit(1);
  return row !== undefined;
}

/** Creates an account with `role` and signs it in on this response (the first owner, or someone joining). */
export async function createPerson(
  person: NewPerson,
  requestHeaders: Headers,
): Promise<Result<{ id: string; name: string }>> {
  const auth = await getAuth();
  try {
    const created = await auth.api.signUpEmail({ body: person, headers: requestHeaders });
    return ok({ id: created.user.id, name: created.user.name });
  } catch (error) {
    if (isAPIError(error) && String(error.body?.code ?? '').startsWith('USER_ALREADY_EXISTS'))
      return fail('auth:exists', 'Someone already has an account with that email address.', { field: 'email' });
    throw error;
  }
}

/** Sets someone's role right after creating them (new accounts start as viewers until this runs). */
export async function setInitialRole(id: string, role: Role): Promise<void> {
  const db = await getDb();
  await db.update(people).set({ role, updatedAt: new Date() }).where(eq(people.id, id));
}

/**
 * First run: the owner account. Refused once anyone exists; two racing first visitors cannot both become owner
 * (the loser's account is removed again under a lock). Existing work becomes the owner's.
 */
export async function createOwner(input: unknown, requestHeaders: Headers): Promise<Result<{ id: string }>> {
  const parsed = newPersonSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.message ?? 'Check the form.', { field: String(issue?.path[0] ?? '') });
  }
  if (await anyoneExists()) return fail('auth:exists', 'The owner account already exists. Sign in instead.');
  const created = await createPerson(parsed.data, requestHeaders);
  if (!created.ok) return created;
  const db = await getDb();
  const won = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${OWNER_LOCK_KEY})`);
    const [owner] = await tx.select({ id: people.id }).from(people).where(eq(people.role, 'owner')).limit(1);
    if (owner) {
      await tx.delete(people).where(eq(people.id, created.data.id));
      return false;
    }
    await tx.update(people).set({ role: 'owner', updatedAt: new Date() }).where(eq(people.id, created.data.id));
    await claimUnownedWork(tx, created.data.id);
    return true;
  });
  if (!won) return fail('auth:exists', 'The owner account already exists. Sign in instead.');
  await recordActivity({ id: created.data.id }, 'person.created', {
    role: 'owner',
  });
  return ok({ id: created.data.id });
}

/**
 * Email and password, rate-limited in the database per address and per account (across instances). Attempts are
 * counted before the password is checked, so parallel guesses count too; a right password clears them.
 */
export async function signInWithPassword(input: unknown, requestHeaders: Headers): Promise<Result<null>> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password)
    return fail('form:invalid', 'Enter your email address and password.', { field: 'email' });
  const keys = [`address:${clientKey(requestHeaders)}`, `account:${parsed.data.email}`];
  for (const key of keys) {
    const verdict = await takeLoginAttempt(key);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterS / 60);
      return fail(
        'auth:rate_limited',
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { field: 'password' },
      );
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
  }
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: requestHeaders });
    await Promise.all(keys.map((key) => forgetLoginAttempts(key)));
    return ok(null);
  } catch (error) {
    if (isAPIError(error) && error.status !== 'INTERNAL_SERVER_ERROR') {
      // A deactivated person's session is refused by a hook; say the same as for a wrong password.
      return fail('auth:wrong_password', 'That email address and password do not match an active account.', {
        field: 'password',
      });
    }
    throw error;
  }
}

/** Ends this browser's session in the database: the cookie stops working on every instance. */
export async function signOutPerson(requestHeaders: Headers): Promise<void> {
  const auth = await getAuth();
  try {
    await auth.api.signOut({ headers: requestHeaders });
  } catch (error) {
    // No session to end is fine: signing out never needs a valid session.
    if (!isAPIError(error)) throw error;
  }
}

/** The identity provider's sign-in address to send the browser to (state and PKCE are kept by better-auth). */
export async function oidcSignInUrl(callbackURL: string, requestHeaders: Headers): Promise<string> {
  const auth = await getAuth();
  const started = await auth.api.signInSocial({
    body: { provider: OIDC_PROVIDER_ID, callbackURL, disableRedirect: true },
    headers: requestHeaders,
  });
  if (!started.url) throw new Error('The identity provider gave no sign-in address');
  return started.url;
}
