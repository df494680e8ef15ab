/**
 * Several people for curation tests: the actor module and the people directory, replaced with `vi.mock` by the test
 * files (the real ones need a request and accounts). Not a test file itself.
 *
 *   vi.mock('@/lib/server/auth/actor', () => import('./test-people').then((m) => m.actorModule));
 *   actAs(DANA);
 */
import type { Actor } from '../auth/actor';

export const OWNER: Actor = { id: 'local', name: 'Olive', role: 'owner' };
export const DANA: Actor = { id: 'dana', name: 'Dana', role: 'member' };
export const LEE: Actor = { id: 'lee', name: 'Lee', role: 'member' };
const EVERYONE = [OWNER, DANA, LEE];

let acting: Actor = OWNER;

export function actAs(actor: Actor): Actor {
  acting = actor;
  return actor;
}

export const actorModule = {
  currentActor: async (): Promise<Actor> => acting,
  actorFromRequest: async (): Promise<Actor> => acting,
};

/** Counts directory calls, so a test can check names are looked up once per page, not once per card. */
export const directoryCalls = { count: 0 };

export const directoryModule = {
  peopleNames: async (ids: string[]) => {
    directoryCalls.count += 1;
    return new Map(EVERYONE.filter((person) => ids.includes(person.id)).map((person) => [person.id, person.name]));
  },
  listPeople: async () => EVERYONE.map((person) => ({ id: person.id, name: person.name, active: true })),
};
