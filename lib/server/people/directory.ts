import 'server-only';

/** Display names of people by id; unknown ids are absent from the map. */
export async function peopleNames(ids: string[]): Promise<Map<string, string>> {
  return new Map(ids.includes('local') ? [['local', 'You']] : []);
}

/** Everyone in the workspace (active and deactivated), for filters. */
export async function listPeople(): Promise<{ id: string; name: string; active: boolean }[]> {
  return [{ id: 'local', name: 'You', active: true }];
}
