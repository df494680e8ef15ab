import 'server-only';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { Actor } from '../auth/actor';
import { isRole, type Role } from '../auth/roles';
import { getDb } from '../storage/db';
import { authSessions, people } from '../storage/schema';
import { recordActivity } from './activity';

/*
 * Managing people (admins and the owner): change a role, deactivate and reactivate. Rules kept here, checked
 * under one lock so two admins acting at once cannot leave the workspace without an owner:
 * - only an owner can make, demote or deactivate an owner;
 * - the last active owner can be neither demoted nor deactivated;
 * - deactivating ends the person's sessions at once; their work stays.
 */

/** Any fixed 64-bit number, the same in every instance: "Overpaint people changes". */
const PEOPLE_LOCK_KEY = 7_001_000_020;

export interface PersonView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export async function listPeopleForAdmin(): Promise<PersonView[]> {
  const db = await getDb();
  const rows = await db.select().from(people).orderBy(asc(people.createdAt), asc(people.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: isRole(row.role) ? row.role : 'viewer',
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  }));
}

type Change = { kind: 'role'; role: Role } | { kind: 'active'; active: boolean };

/** Applies a role change or (de)activation by `actor`, or refuses it with a sentence saying why. */
export async function changePerson(actor: Actor, personId: string, change: Change): Promise<Result<PersonView>> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<Result<PersonView>> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PEOPLE_LOCK_KEY})`);
    const [person] = await tx.select().from(people).where(eq(people.id, personId)).limit(1);
    if (!person) return fail('people:not_found', 'That person is not in this workspace.');
    const touchesOwner = person.role === 'owner' || (change.kind === 'role' && change.role === 'owner');
    if (touchesOwner && actor.role !== 'owner')
      return fail('auth:forbidden', 'Only the owner can change an owner, or make someone owner.');
    const losesOwner = person.role === 'owner' && (change.kind === 'role' ? change.role !== 'owner' : !change.active);
    if (losesOwner) {
      const [other] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.role, 'owner'), eq(people.active, true), ne(people.id, personId)))
        .limit(1);
      if (!other) return fail('people:last_owner', 'The workspace needs an owner: make someone else owner first.');
    }
    const patch = change.kind === 'role' ? { role: change.role } : { active: change.active };
    const [updated] = await tx
      .update(people)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(people.id, personId))
      .returning();
    // Sessions end with the deactivation, in the same transaction: no request is served in between.
    if (change.kind === 'active' && !change.active)
      await tx.delete(authSessions).where(eq(authSessions.userId, personId));
    if (!updated) return fail('people:not_found', 'That person is not in this workspace.');
    return ok({
      id: updated.id,
      name: updated.name,
      email: updated.email,
      role: isRole(updated.role) ? updated.role : 'viewer',
      active: updated.active,
      createdAt: updated.createdAt.toISOString(),
    });
  });
  if (outcome.ok) {
    if (change.kind === 'role') await recordActivity(actor, 'person.role', { personId, role: change.role });
    else await recordActivity(actor, change.active ? 'person.reactivated' : 'person.deactivated', { personId });
  }
  return outcome;
}
