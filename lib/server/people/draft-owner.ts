import 'server-only';
import type { Actor } from '../auth/actor';
import { serverEnv } from '../env';

/**
 * Whose draft a request edits. In accounts mode the draft is the person's (it follows them to another browser and
 * another instance); in open and password modes it is the browser's, by the random id the browser keeps.
 * Person keys cannot collide with browser ids (those are UUIDs).
 */
export function draftKeyFor(actor: Actor, browserId: string): string {
  return serverEnv().authMode === 'accounts' ? `person:${actor.id}` : browserId;
}
