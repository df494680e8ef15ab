import 'server-only';

export type Role = 'owner' | 'admin' | 'member' | 'viewer';
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

const LOCAL_OWNER: Actor = { id: 'local', name: 'You', role: 'owner' };

/** The person calling the current server action or rendering the current page. */
export async function currentActor(): Promise<Actor> {
  return LOCAL_OWNER;
}

/** The person behind a route handler's request. */
export async function actorFromRequest(request: Request): Promise<Actor> {
  void request;
  return LOCAL_OWNER;
}
