import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { LOCAL_OWNER } from '../auth/actor';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { people } from '../storage/schema';

/*
 * Who is who, for attribution: names on cards, the person filter. In open and password modes the only person is the
 * built-in owner.
 */

/** Display names of people by id; unknown ids are absent from the map. */
export async function peopleNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  if (unique.includes(LOCAL_OWNER.id)) names.set(LOCAL_OWNER.id, LOCAL_OWNER.name);
  if (serverEnv().authMode !== 'accounts' || unique.length === 0) return names;
  const db = await getDb();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, unique));
  for (const row of rows) names.set(row.id, row.name);
  return names;
}

/** Everyone in the workspace (active and deactivated), for filters. */
export async function listPeople(): Promise<{ id: string; name: string; active: boolean }[]> {
  if (serverEnv().authMode !== 'accounts') return [{ id: LOCAL_OWNER.id, name: LOCAL_OWNER.name, active: true }];
  const db = await getDb();
  return db
    .select({ id: people.id, name: people.name, active: people.active })
    .from(people)
    .orderBy(asc(people.name), asc(people.id));
}
