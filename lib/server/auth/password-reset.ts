import 'server-only';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { mailIsConfigured, sendMail } from '../mail/mailer';
import { recordActivity } from '../people/activity';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { people } from '../storage/schema';
import { getAuth, RESET_LINK_MINUTES } from './accounts';
import type { Actor } from './actor';
import { clientKey } from './client-address';
import { takeLoginAttempt } from './login-attempts';
import type { LimiterOptions } from './login-limiter';
import { withResetDelivery, type ResetRecipient } from './reset-delivery';

/*
 * Password reset links, made and checked by better-auth (requestPasswordReset / resetPassword; the token is stored
 * hashed, expires, works once). Two ways to get one:
 * - an admin's "Reset password" on the People page: the link is shown to the admin to pass on;
 * - "Forgot password?" on the login page, only with SMTP_URL set: the link is mailed. The answer is the same
 *   whether or not the address has an account, and requests are rate-limited per address and per email.
 * Setting a new password ends all the person's sessions and their other reset links (reset-delivery.ts).
 */

export const RESET_PATH = '/reset';
export { RESET_LINK_MINUTES };
/** Reset requests per client address and per email address: 3 per 15 minutes (the login limiter's table). */
export const RESET_REQUEST_LIMITS: LimiterOptions = { perClient: 3, overall: 50, windowMs: 15 * 60_000 };

/** better-auth's reset tokens are 24 letters and digits; anything else is not worth a database look-up. */
const tokenSchema = z.string().regex(/^[A-Za-z0-9]{16,64}$/);

export const LINK_EXPIRED =
  'This password reset link has expired or was already used. Ask an admin for a new one, or use “Forgot password?” on the sign-in page.';
export const NO_MAIL = 'This studio does not send mail. Ask an admin of your workspace for a password reset link.';
export const MAIL_ON_ITS_WAY = 'If an account exists for that email, a link is on its way.';

/** An admin makes a reset link for someone (shown once, to pass on). Only an owner resets an owner's password. */
export async function createResetLink(
  actor: Actor,
  personId: string,
): Promise<Result<{ path: string; minutes: number }>> {
  const db = await getDb();
  const [person] = await db
    .select({ id: people.id, email: people.email, role: people.role })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  if (!person) return fail('people:not_found', 'That person is not in this workspace.');
  if (person.role === 'owner' && actor.role !== 'owner')
    return fail('auth:forbidden', 'Only the owner can reset an owner’s password.');
  let made: string | undefined;
  const auth = await getAuth();
  await withResetDelivery(
    async (_recipient, token) => {
      made = token;
    },
    () => auth.api.requestPasswordReset({ body: { email: person.email } }),
  );
  if (!made) throw new Error('better-auth made no reset token for an existing person');
  await recordActivity(actor, 'password.reset-link', { personId, by: 'admin' });
  return ok({ path: `${RESET_PATH}/${made}`, minutes: RESET_LINK_MINUTES });
}

const requestSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase())
    .pipe(z.email('Enter an email address.')),
});

/**
 * "Forgot password?": mails a reset link when an active account has this email. The answer never says whether one
 * does, and it does not wait for the mail server either (a slow send would say so too): the send runs after the
 * answer, bounded by the mailer's timeouts, and a failure is logged.
 */
export async function requestResetByMail(input: unknown, requestHeaders: Headers): Promise<Result<null>> {
  if (!mailIsConfigured()) return fail('auth:forbidden', NO_MAIL);
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'Enter an email address.', { field: 'email' });
  const { email } = parsed.data;
  for (const key of [`reset-address:${clientKey(requestHeaders)}`, `reset-email:${email}`]) {
    const verdict = await takeLoginAttempt(key, RESET_REQUEST_LIMITS);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterS / 60);
      return fail(
        'auth:rate_limited',
        `Too many reset requests. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { field: 'email' },
      );
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
  }
  const auth = await getAuth();
  await withResetDelivery(mailResetLink, () => auth.api.requestPasswordReset({ body: { email } }));
  return ok(null);
}

async function mailResetLink(recipient: ResetRecipient, token: string): Promise<void> {
  // A deactivated person gets nothing (and the answer is the same as for an unknown address).
  if (recipient.active === false) return;
  // APP_URL is required with SMTP_URL (env.ts): a link built from the request's Host could point anywhere.
  const link = `${serverEnv().appUrl}${RESET_PATH}/${token}`;
  void sendMail({
    to: recipient.email,
    subject: 'Reset your Overpaint password',
    text: [
      `Hello ${recipient.name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Overpaint account. Open this link to choose a new one:',
      '',
      link,
      '',
      `It works once and expires in ${RESET_LINK_MINUTES} minutes. If you did not ask for it, ignore this message: your password stays as it is.`,
    ].join('\n'),
  })
    .then(() => recordActivity({ id: recipient.id }, 'password.reset-link', { personId: recipient.id, by: 'mail' }))
    .catch((error: unknown) => {
      console.error(`[overpaint] a password reset mail could not be sent: ${(error as Error).message}`);
    });
}

/** Whether a reset link still works (for the page, before the form is filled in). */
export async function resetLinkIsOpen(token: string): Promise<boolean> {
  if (!tokenSchema.safeParse(token).success) return false;
  const context = await (await getAuth()).$context;
  const found = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  return found !== null && found !== undefined && new Date(found.expiresAt) > new Date();
}

const newPasswordSchema = z.object({
  token: z.string(),
  password: z.string().min(8, 'Use at least 8 characters.').max(256, 'That password is too long.'),
});

/** Sets the new password with a reset link's token; the link is spent and every session of the person ends. */
export async function setNewPassword(input: unknown): Promise<Result<null>> {
  const parsed = newPasswordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.message ?? 'Check the form.', { field: String(issue?.path[0] ?? 'password') });
  }
  if (!tokenSchema.safeParse(parsed.data.token).success) return fail('auth:reset_invalid', LINK_EXPIRED);
  const auth = await getAuth();
  try {
    await auth.api.resetPassword({ body: { token: parsed.data.token, newPassword: parsed.data.password } });
    return ok(null);
  } catch (error) {
    if (isAPIError(error) && error.status !== 'INTERNAL_SERVER_ERROR') {
      const code = String(error.body?.code ?? '');
      if (code.startsWith('PASSWORD_TOO'))
        return fail('form:invalid', 'Use between 8 and 256 characters.', { field: 'password' });
      return fail('auth:reset_invalid', LINK_EXPIRED);
    }
    throw error;
  }
}
