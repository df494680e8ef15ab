import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { isRole, type Role } from '../auth/roles';
import { createPerson, newPersonSchema, setInitialRole } from '../auth/sign-in';
import { getDb } from '../storage/db';
import { invitations } from '../storage/schema';
import { recordActivity } from './activity';

/*
 * Invitations by link: an admin picks a role, gets a link (shown once; only its SHA-256 is stored), and the first
 * person to open it and fill in the form joins with that role. Single use (claimed atomically before the account is
 * made, released if making it fails), expiring, revocable.
 */

export const INVITATION_DAYS = 7;
export const JOIN_PATH = '/join';

export interface InvitationView {
  id: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  state: 'open' | 'used' | 'revoked' | 'expired';
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createInvitation(
  actor: Actor,
  role: Role,
  now = new Date(),
): Promise<Result<{ id: string; path: string }>> {
  if (role === 'owner' && actor.role !== 'owner') return fail('auth:forbidden', 'Only the owner can invite an owner.');
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const db = await getDb();
  await db.insert(invitations).values({
    id,
    tokenHash: hashToken(token),
    role,
    createdBy: actor.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  await recordActivity(actor, 'invitation.created', { invitationId: id, role });
  return ok({ id, path: `${JOIN_PATH}/${token}` });
}

export async function listInvitations(now = new Date()): Promise<InvitationView[]> {
  const db = await getDb();
  const rows = await db.select().from(invitations).orderBy(desc(invitations.createdAt)).limit(200);
  return rows.map((row) => ({
    id: row.id,
    role: isRole(row.role) ? row.role : 'viewer',
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    state: row.revokedAt ? 'revoked' : row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'open',
  }));
}

export async function revokeInvitation(actor: Actor, id: string): Promise<Result<null>> {
  const db = await getDb();
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (revoked.length === 0) return fail('auth:invitation_invalid', 'That invitation is already used or revoked.');
  await recordActivity(actor, 'invitation.revoked', { invitationId: id });
  return ok(null);
}

/** Whether a link still opens (for the Join page, before the form is filled in). */
export async function invitationIsOpen(token: string, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: invitations.id }).from(invitations).where(openInvitation(token, now)).limit(1);
  return row !== undefined;
}

function openInvitation(token: string, now: Date) {
  return and(
    eq(invitations.tokenHash, hashToken(token)),
    isNull(invitations.usedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );
}

const EXPIRED = 'This invitation link has expired, was already used or was revoked. Ask for a new one.';

/** Joins with an invitation: the account is made with the invitation's role and signed in on this response. */
export async function joinWithInvitation(
  token: string,
  input: unknown,
  requestHeaders: Headers,
): Promise<Result<{ id: string }>> {
  const parsed = newPersonSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.message ?? 'Check the form.', { field: String(issue?.path[0] ?? '') });
  }
  const db = await getDb();
  const [claimed] = await db
    .update(invitations)
    .set({ usedAt: sql`now()` })
    .where(openInvitation(token, new Date()))
    .returning({ id: invitations.id, role: invitations.role });
  if (!claimed || !isRole(claimed.role)) return fail('auth:invitation_invalid', EXPIRED);
  let created: Awaited<ReturnType<typeof createPerson>>;
  try {
    created = await createPerson(parsed.data, requestHeaders);
  } catch (error) {
    await db.update(invitations).set({ usedAt: null }).where(eq(invitations.id, claimed.id));
    throw error;
  }
  if (!created.ok) {
    await db.update(invitations).set({ usedAt: null }).where(eq(invitations.id, claimed.id));
    return created;
  }
  await setInitialRole(created.data.id, claimed.role);
  await db.update(invitations).set({ usedBy: created.data.id }).where(eq(invitations.id, claimed.id));
  await recordActivity({ id: created.data.id }, 'person.joined', { invitationId: claimed.id, role: claimed.role });
  return ok({ id: created.data.id });
}
