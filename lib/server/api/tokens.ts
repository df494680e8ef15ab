import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { TOKEN_SCOPES, type ApiTokenView, type TokenScope } from '@/lib/api/tokens';
import { fail, ok, type Result } from '@/lib/errors';
import { LOCAL_OWNER, type Actor } from '../auth/actor';
import { isRole } from '../auth/roles';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { apiTokens, people, type ApiTokenRow } from '../storage/schema';

/*
 * Personal access tokens for /api/v1. A token is `op_` + 32 random bytes; only its SHA-256 is stored (like share
 * links), so a database dump holds nothing a caller could use. Own table, not better-auth's API keys: see
 * storage/schema/api.ts for why.
 */

export const TOKEN_PREFIX = 'op_';

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name, e.g. the tool that will use it.')
    .max(80, 'A token name can be at most 80 characters.'),
  scope: z.enum(TOKEN_SCOPES, 'Scope must be read or write.'),
});

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function view(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    hint: row.tokenHint,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Makes a token for `actor`; the returned `token` is the only time it exists outside the caller's hands. */
export async function createApiToken(
  actor: Actor,
  input: unknown,
): Promise<Result<{ token: string; view: ApiTokenView }>> {
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('form:invalid', issue?.message ?? 'The token is not valid.', {
      field: String(issue?.path[0] ?? 'name'),
    });
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const db = await getDb();
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: randomUUID(),
      personId: actor.id,
      name: parsed.data.name,
      scope: parsed.data.scope,
      tokenHash: hashToken(token),
      tokenHint: token.slice(0, TOKEN_PREFIX.length + 4),
    })
    .returning();
  return ok({ token, view: view(row!) });
}

/** The caller's live tokens, newest first. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(view);
}

/** Revokes one of the caller's own tokens; the next request with it is refused on every instance. */
export async function revokeApiToken(actor: Actor, id: unknown): Promise<Result<{ id: string }>> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return fail('token:not_found', 'That token could not be found.');
  const db = await getDb();
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, parsed.data), eq(apiTokens.personId, actor.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0 ? ok({ id: parsed.data }) : fail('token:not_found', 'That token is already revoked.');
}

export interface TokenHolder {
  tokenId: string;
  scope: TokenScope;
  actor: Actor;
}

/**
 * Who a bearer token acts as, or null (unknown, revoked, or its person deactivated or gone). Without accounts
 * everyone is the built-in owner, so a token is too; with accounts it is its person, at their current role.
 */
export async function resolveApiToken(token: string): Promise<TokenHolder | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  let actor: Actor = LOCAL_OWNER;
  if (serverEnv().authMode === 'accounts') {
    const [person] = await db.select().from(people).where(eq(people.id, row.personId)).limit(1);
    if (!person || !person.active || !isRole(person.role)) return null;
    actor = { id: person.id, name: person.name, role: person.role };
  }
  // Last used: at most one write a minute per token, not one per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return { tokenId: row.id, scope: row.scope, actor };
}
