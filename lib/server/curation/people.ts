import 'server-only';
import type { Actor } from '../auth/actor';
import { peopleNames } from '../people/directory';

/**
 * Work from before people were recorded (created_by NULL) belongs to the owner. In open and password modes the owner
 * is the built-in person `local`; in accounts mode the first run hands such rows to the owner's own id.
 */
export const UNATTRIBUTED_OWNER_ID = 'local';

/** Whether rows without a person count as `personId`'s: the built-in owner's, or the signed-in owner's own. */
export function ownsUnattributed(personId: string, viewer: Actor | null): boolean {
  return personId === UNATTRIBUTED_OWNER_ID || (viewer?.role === 'owner' && viewer.id === personId);
}

/** Names for every person these rows mention, in one directory call (null stands for the owner). */
export async function namesOf(ids: Array<string | null>): Promise<(id: string | null) => string | null> {
  const unique = [...new Set(ids.map((id) => id ?? UNATTRIBUTED_OWNER_ID))];
  const names = unique.length > 0 ? await peopleNames(unique) : new Map<string, string>();
  return (id) => names.get(id ?? UNATTRIBUTED_OWNER_ID) ?? null;
}
