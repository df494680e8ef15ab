import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { eq } from 'drizzle-orm';
import { processSingleton } from '@/lib/process-singleton';
import { recordActivity } from '../people/activity';
import { getDb } from '../storage/db';
import { authVerifications } from '../storage/schema';

/*
 * better-auth's password-reset hooks (accounts.ts). The library makes, stores and checks the reset token; it hands
 * the fresh token to `sendResetPassword`, and that hook passes it to whichever flow asked for it: the admin's
 * "Reset password" (shows the link) or "Forgot password?" (mails it). Which one is carried in an AsyncLocalStorage
 * kept per process, not per module copy: the auth instance is a process singleton that one bundle builds, while the
 * flow that asks may run in another bundle with its own copy of this module.
 */

export interface ResetRecipient {
  id: string;
  email: string;
  name: string;
  active?: unknown;
}

/** What the asking flow does with a fresh token (show it, or mail it). */
export type ResetDelivery = (recipient: ResetRecipient, token: string) => Promise<void>;

const deliveries = processSingleton('password-reset-deliveries', () => new AsyncLocalStorage<ResetDelivery>());

/** Runs `request` (better-auth's requestPasswordReset) so that the token it makes goes to `deliver`. */
export function withResetDelivery<T>(deliver: ResetDelivery, request: () => Promise<T>): Promise<T> {
  return deliveries.get().run(deliver, request);
}

/** better-auth's `sendResetPassword`: the token goes to the flow that asked, and nowhere else (never a log). */
export async function deliverResetToken(recipient: ResetRecipient, token: string): Promise<void> {
  const deliver = deliveries.get().getStore();
  // Only our own server code asks for resets (app/api/auth passes no reset path): anything else is a bug.
  if (!deliver) throw new Error('A password reset was asked for outside the studio’s reset flows');
  await deliver(recipient, token);
}

/**
 * better-auth's `onPasswordReset`, after the new password is stored (the person's sessions are already ended by
 * `revokeSessionsOnPasswordReset`): any other reset link of theirs stops working too, and the log says so.
 * better-auth keeps a reset token's person id as the verification row's value, and nothing else of ours does.
 */
export async function passwordWasReset(personId: string): Promise<void> {
  const db = await getDb();
  await db.delete(authVerifications).where(eq(authVerifications.value, personId));
  await recordActivity({ id: personId }, 'password.reset', {});
}
