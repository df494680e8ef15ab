'use server';

import type { ApiTokenView } from '@/lib/api/tokens';
import type { Result } from '@/lib/errors';
import { createApiToken, revokeApiToken } from '@/lib/server/api/tokens';
import { guardAction } from '@/lib/server/guard';

/*
 * Personal access tokens for the API. Anyone who may see the studio may make one for themselves: a token acts as
 * its person, so a viewer's token reads and never creates, whatever its scope.
 */

/** Makes a token; the answer carries it once, and only its hash is kept. */
export async function createAccessToken(input: unknown): Promise<Result<{ token: string; view: ApiTokenView }>> {
  return guardAction('createAccessToken', 'view', (actor) => createApiToken(actor, input));
}

export async function revokeAccessToken(id: unknown): Promise<Result<{ id: string }>> {
  return guardAction('revokeAccessToken', 'view', (actor) => revokeApiToken(actor, id));
}
