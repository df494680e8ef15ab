import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from './roles';
import { processSingleton } from '@/lib/process-singleton';

/*
 * The person an API request acts as. A request to /api/v1 carries an access token, not a session cookie, so
 * `currentActor()` (which the studio's own code calls deep inside submit, budgets, activity) could not find them in
 * the headers. The API guard runs the handler inside `runAs(actor, …)`, and `currentActor()` asks here first, so the
 * API calls the very same code paths as the studio and they see the token's person.
 */
/** The same shape as `Actor` (actor.ts asks here, so this file cannot import it back). */
interface Actor {
  id: string;
  name: string;
  role: Role;
}

const store = processSingleton('acting-as', () => new AsyncLocalStorage<Actor>());

export function runAs<T>(actor: Actor, run: () => Promise<T>): Promise<T> {
  return store.get().run(actor, run);
}

/** The person an API request acts as, or undefined outside one. */
export function actingAs(): Actor | undefined {
  return store.get().getStore();
}
