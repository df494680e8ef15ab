'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok, fail, type Result } from '@/lib/errors';
import { createResetLink } from '@/lib/server/auth/password-reset';
import { ROLES } from '@/lib/server/auth/roles';
import { guardAction } from '@/lib/server/guard';
import { createInvitation, revokeInvitation } from '@/lib/server/people/invitations';
import { savePersonBudget } from '@/lib/server/cost/settings';
import { peopleNames } from '@/lib/server/people/directory';
import { changePerson } from '@/lib/server/people/people';

/* The People page's actions: admins and the owner only (the guard's `admin` permission). */

const roleSchema = z.enum(ROLES);
const idSchema = z.string().min(1).max(100);

/** Makes an invitation link for `role`; the link (with its token) is shown once and never stored. */
export async function createInvitationLink(role: unknown): Promise<Result<{ path: string }>> {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) return fail('form:invalid', 'Choose a role.', { field: 'role' });
  return guardAction('createInvitationLink', 'admin', async (actor) => {
    const made = await createInvitation(actor, parsed.data);
    if (!made.ok) return made;
    revalidatePath('/people');
    return ok({ path: made.data.path });
  });
}

export async function revokeInvitationLink(id: unknown): Promise<Result<null>> {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return fail('form:invalid', 'That invitation is not valid.');
  return guardAction('revokeInvitationLink', 'admin', async (actor) => {
    const revoked = await revokeInvitation(actor, parsed.data);
    if (revoked.ok) revalidatePath('/people');
    return revoked;
  });
}

export async function changeRole(personId: unknown, role: unknown): Promise<Result<null>> {
  const id = idSchema.safeParse(personId);
  const parsed = roleSchema.safeParse(role);
  if (!id.success || !parsed.success) return fail('form:invalid', 'Choose a role.', { field: 'role' });
  return guardAction('changeRole', 'admin', async (actor) => {
    const changed = await changePerson(actor, id.data, { kind: 'role', role: parsed.data });
    if (!changed.ok) return changed;
    revalidatePath('/people');
    return ok(null);
  });
}

export async function setPersonActive(personId: unknown, active: unknown): Promise<Result<null>> {
  const id = idSchema.safeParse(personId);
  if (!id.success || typeof active !== 'boolean') return fail('form:invalid', 'That person is not valid.');
  return guardAction('setPersonActive', 'admin', async (actor) => {
    const changed = await changePerson(actor, id.data, { kind: 'active', active });
    if (!changed.ok) return changed;
    revalidatePath('/people');
    return ok(null);
  });
}

/** Makes a password reset link for someone (shown once to the admin, to pass on; expiring, single use). */
export async function createPasswordResetLink(personId: unknown): Promise<Result<{ path: string; minutes: number }>> {
  const id = idSchema.safeParse(personId);
  if (!id.success) return fail('form:invalid', 'That person is not valid.');
  return guardAction('createPasswordResetLink', 'admin', async (actor) => {
    const made = await createResetLink(actor, id.data);
    if (made.ok) revalidatePath('/people');
    return made;
  });
}

/** Sets (or, given an empty field, removes) one person's monthly budget; the amount is in the team's currency. */
export async function setPersonBudget(personId: unknown, typed: unknown): Promise<Result<number | null>> {
  const id = idSchema.safeParse(personId);
  if (!id.success) return fail('form:invalid', 'That person is not valid.');
  if (typeof typed !== 'string' || typed.length > 40) {
    return fail('form:invalid', 'Monthly budget: enter an amount such as 25 or 12.50, or leave it empty for none.', {
      field: 'monthlyBudget',
    });
  }
  return guardAction('setPersonBudget', 'admin', async () => {
    if (!(await peopleNames([id.data])).has(id.data))
      return fail('form:invalid', 'That person is not in the workspace.');
    const saved = await savePersonBudget(id.data, typed);
    if (saved.ok) revalidatePath('/people');
    return saved;
  });
}
