/**
 * Accounts, roles, invitations and deactivation through the real modules on a real database: run by
 * `people.embedded.test.ts` (PGlite) and `people.postgres.test.ts` (a PostgreSQL server). Not a test file itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';

export function definePeopleSuite(label: string, environment: () => Promise<Record<string, string>>): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-people-'));
  const address = (n: number) => new Headers({ 'x-forwarded-for': `10.0.0.${n}` });

  beforeAll(async () => {
    Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '', AUTH_MODE: 'accounts', APP_PASSWORD: '' });
    Object.assign(process.env, await environment());
    processSingleton('server-env', () => undefined).take();
    processSingleton('accounts-auth', () => undefined).take();
    await (await import('../storage/db')).getDb();
  }, 240_000);

  afterAll(async () => {
    processSingleton('accounts-auth', () => undefined).take();
    await (await import('../storage/db')).closeDb();
    delete process.env.AUTH_MODE;
    processSingleton('server-env', () => undefined).take();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Signs in through better-auth's API and returns the Cookie header a browser would then send. */
  async function cookieFor(email: string, password: string): Promise<Headers> {
    const { getAuth } = await import('../auth/accounts');
    const auth = await getAuth();
    const answer = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
    const cookies = answer.headers.getSetCookie().map((line) => line.split(';')[0]);
    return new Headers({ cookie: cookies.join('; ') });
  }

  describe(`${label}: people`, () => {
    it('makes the first account the owner, once; sign-in works and a wrong password is refused', async () => {
      const { anyoneExists, createOwner, signInWithPassword } = await import('../auth/sign-in');
      const { actorFromHeaders } = await import('../auth/actor');
      expect(await anyoneExists()).toBe(false);
      const bad = await createOwner({ name: 'Olive', email: 'not-an-email', password: 'longenough' }, address(1));
      expect(bad).toMatchObject({ ok: false, error: { code: 'form:invalid', field: 'email' } });
      const owner = await createOwner(
        { name: 'Olive', email: 'Olive@Example.com', password: 'owner-pass-1' },
        address(1),
      );
      expect(owner.ok).toBe(true);
      const again = await createOwner(
        { name: 'Mallory', email: 'm@example.com', password: 'mallory-pass' },
        address(2),
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'auth:exists' } });

      expect(
        await signInWithPassword({ email: 'olive@example.com', password: 'wrong-pass' }, address(1)),
      ).toMatchObject({ ok: false, error: { code: 'auth:wrong_password' } });
      expect(await signInWithPassword({ email: 'olive@example.com', password: 'owner-pass-1' }, address(1))).toEqual({
        ok: true,
        data: null,
      });
      const actor = await actorFromHeaders(await cookieFor('olive@example.com', 'owner-pass-1'));
      expect(actor).toMatchObject({ name: 'Olive', role: 'owner' });
      expect(await actorFromHeaders(new Headers())).toBeNull();
    });

    it('rate-limits sign-in attempts per account, whatever the address', async () => {
      const { signInWithPassword } = await import('../auth/sign-in');
      const { LOGIN_LIMITS } = await import('../auth/login-limiter');
      let refused = false;
      for (let i = 0; i <= LOGIN_LIMITS.perClient + 1 && !refused; i++) {
        const answer = await signInWithPassword(
          { email: 'target@example.com', password: `guess-${i}` },
          address(100 + i),
        );
        refused = !answer.ok && answer.error.code === 'auth:rate_limited';
      }
      expect(refused).toBe(true);
    }, 60_000);

    it('invites by a single-use link with a role; the joiner gets that role', async () => {
      const { createInvitation, joinWithInvitation, invitationIsOpen, listInvitations, revokeInvitation } =
        await import('./invitations');
      const { actorFromHeaders } = await import('../auth/actor');
      const owner = await actorFromHeaders(await cookieFor('olive@example.com', 'owner-pass-1'));
      if (!owner) throw new Error('owner not signed in');
      const invite = await createInvitation(owner, 'member');
      if (!invite.ok) throw new Error(invite.error.message);
      const token = invite.data.path.split('/').pop()!;
      expect(await invitationIsOpen(token)).toBe(true);
      const joined = await joinWithInvitation(
        token,
        { name: 'Milo', email: 'milo@example.com', password: 'member-pass' },
        address(3),
      );
      expect(joined.ok).toBe(true);
      expect(await invitationIsOpen(token)).toBe(false);
      const reused = await joinWithInvitation(
        token,
        { name: 'Eve', email: 'eve@example.com', password: 'eve-pass-1' },
        address(4),
      );
      expect(reused).toMatchObject({ ok: false, error: { code: 'auth:invitation_invalid' } });
      const milo = await actorFromHeaders(await cookieFor('milo@example.com', 'member-pass'));
      expect(milo).toMatchObject({ name: 'Milo', role: 'member' });

      const second = await createInvitation(owner, 'viewer');
      if (!second.ok) throw new Error(second.error.message);
      expect((await revokeInvitation(owner, second.data.id)).ok).toBe(true);
      const revokedToken = second.data.path.split('/').pop()!;
      expect(await invitationIsOpen(revokedToken)).toBe(false);
      expect((await listInvitations()).map((i) => i.state).sort()).toEqual(['revoked', 'used']);
      // An admin may not hand out ownership.
      expect(await createInvitation({ ...owner, role: 'admin' }, 'owner')).toMatchObject({ ok: false });
    });

    it('deactivation ends sessions at once; the owner cannot be demoted by an admin, nor the last owner removed', async () => {
      const { changePerson, listPeopleForAdmin } = await import('./people');
      const { actorFromHeaders } = await import('../auth/actor');
      const { listActivity } = await import('./activity');
      const { peopleNames, listPeople } = await import('./directory');
      const owner = (await actorFromHeaders(await cookieFor('olive@example.com', 'owner-pass-1')))!;
      const miloCookie = await cookieFor('milo@example.com', 'member-pass');
      const milo = (await actorFromHeaders(miloCookie))!;

      const promoted = await changePerson(owner, milo.id, { kind: 'role', role: 'admin' });
      expect(promoted).toMatchObject({ ok: true, data: { role: 'admin' } });
      const asAdmin = { ...milo, role: 'admin' as const };
      expect(await changePerson(asAdmin, owner.id, { kind: 'role', role: 'member' })).toMatchObject({
        ok: false,
        error: { code: 'auth:forbidden' },
      });
      expect(await changePerson(asAdmin, owner.id, { kind: 'active', active: false })).toMatchObject({ ok: false });
      expect(await changePerson(owner, owner.id, { kind: 'role', role: 'admin' })).toMatchObject({
        ok: false,
        error: { code: 'people:last_owner' },
      });

      expect(await changePerson(owner, milo.id, { kind: 'active', active: false })).toMatchObject({ ok: true });
      expect(await actorFromHeaders(miloCookie)).toBeNull();
      const { signInWithPassword } = await import('../auth/sign-in');
      expect(
        await signInWithPassword({ email: 'milo@example.com', password: 'member-pass' }, address(9)),
      ).toMatchObject({ ok: false });
      // Their work stays theirs: the name still resolves, and they are listed (as inactive) for filters.
      expect((await peopleNames([milo.id, 'nobody'])).get(milo.id)).toBe('Milo');
      expect(await listPeople()).toContainEqual({ id: milo.id, name: 'Milo', active: false });
      expect((await listPeopleForAdmin()).find((p) => p.id === milo.id)?.active).toBe(false);

      const kinds = (await listActivity()).map((entry) => entry.kind);
      expect(kinds).toEqual(expect.arrayContaining(['person.created', 'person.joined', 'sign-in', 'person.role']));
      expect(await listActivity({ kind: 'person.deactivated' })).toHaveLength(1);
      expect(await listActivity({ actorId: milo.id, kind: 'person.joined' })).toHaveLength(1);
    });

    it('prunes activity past ACTIVITY_RETENTION_DAYS (90 by default) in the maintenance run', async () => {
      const { listActivity, pruneActivity } = await import('./activity');
      const before = (await listActivity()).length;
      expect(await pruneActivity(Date.now() + 89 * 86_400_000)).toBe(0);
      expect(await pruneActivity(Date.now() + 91 * 86_400_000)).toBe(before);
      expect(await listActivity()).toEqual([]);
    });
  });
}
