import 'server-only';
import { headers } from 'next/headers';
import { serverEnv } from '../env';
import { actingAs } from './acting-as';
import { getAuth } from './accounts';
import { isRole, refusalFor, roleAllows, type Role } from './roles';

export type { Role } from './roles';

/** Who is asking. In `open` and `password` modes there is one implicit person, the built-in owner. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** The implicit person of `open` and `password` modes; rows with no creator (made before accounts) are theirs too. */
export const LOCAL_OWNER: Actor = { id: 'local', name: 'You', role: 'owner' };

/** Thrown when a caller has no live session; the guard checks first, so this only surfaces from a missed check. */
export class NotSignedIn extends Error {
  constructor() {
    super('No signed-in person for this request');
  }
}

/** The signed-in person behind these request headers, or null (no session, expired, signed out, deactivated). */
export async function actorFromHeaders(requestHeaders: Headers): Promise<Actor | null> {
  if (serverEnv().authMode !== 'accounts') return LOCAL_OWNER;
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: requestHeaders, query: { disableCookieCache: true } });
  if (!found) return null;
  const { user } = found;
  if (user.active === false || !isRole(user.role)) return null;
  return { id: user.id, name: user.name, role: user.role };
}

/** The person calling the current server action or rendering the current page, or null. */
export async function findCurrentActor(): Promise<Actor | null> {
  // An API request (lib/server/api/guard.ts) acts as its token's person, whatever the mode.
  const api = actingAs();
  if (api) return api;
  // Without accounts there is one person, whatever the request: work done outside a request (tests, scripts) is theirs.
  if (serverEnv().authMode !== 'accounts') return LOCAL_OWNER;
  return actorFromHeaders(await headers());
}

/** The person calling the current server action or rendering the current page. */
export async function currentActor(): Promise<Actor> {
  const actor = await findCurrentActor();
  if (!actor) throw new NotSignedIn();
  return actor;
}

/** The person behind a route handler's request. */
export async function actorFromRequest(request: Request): Promise<Actor> {
  const actor = await actorFromHeaders(request.headers);
  if (!actor) throw new NotSignedIn();
  return actor;
}

/** What the studio header shows of the person: their name and, for admins, the People link (accounts mode only). */
export function headerPerson(actor: Actor): { people: boolean; personName?: string } {
  if (serverEnv().authMode !== 'accounts') return { people: false };
  return { people: roleAllows(actor.role, 'admin'), personName: actor.name };
}

/** Null when `actor` may generate; otherwise why not, for the Generate button's description. */
export function generateRefusal(actor: Actor): string | null {
  return roleAllows(actor.role, 'generate') ? null : refusalFor(actor.role, 'generate');
}

/** What the page's controls may offer `actor` (components/auth/permissions.tsx); the guard decides again. */
export function pagePermissions(actor: Actor): {
  generateRefusal: string | null;
  mayCurate: boolean;
  mayShare: boolean;
} {
  return {
    generateRefusal: generateRefusal(actor),
    mayCurate: roleAllows(actor.role, 'curate'),
    mayShare: roleAllows(actor.role, 'share'),
  };
}
