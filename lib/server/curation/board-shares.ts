import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import type { BoardShareView } from '@/lib/curation/types';
import type { Actor } from '../auth/actor';
import { hashShareToken, isShareToken, newShareToken, tokenHint } from '../share/tokens';
import { getDb } from '../storage/db';
import { boards, boardShares, type BoardRow, type BoardShareRow } from '../storage/schema';
import { boardResults } from './boards';

/*
 * A board's read-only link, made and checked like a result's share link (same tokens, only the hash stored, 404 once
 * revoked). It shows the board as it is now: results added later appear, deleted ones vanish.
 */

function view(row: BoardShareRow): BoardShareView {
  return {
    id: row.id,
    tokenHint: row.tokenHint,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Makes a link to the board; the token is in the returned URL only, once. */
export async function createBoardShare(
  boardId: string,
  origin: string,
  actor: Actor,
): Promise<Result<{ url: string; share: BoardShareView; boardName: string }>> {
  const db = await getDb();
  const [board] = await db
    .select({ id: boards.id, name: boards.name })
    .from(boards)
    .where(eq(boards.id, boardId))
    .limit(1);
  if (!board) return fail('board:not_found', 'That board no longer exists; someone may have deleted it.');
  const token = newShareToken();
  const [row] = await db
    .insert(boardShares)
    .values({
      id: randomUUID(),
      boardId,
      tokenHash: hashShareToken(token),
      tokenHint: tokenHint(token),
      createdBy: actor.id,
    })
    .returning();
  if (!row) throw new Error('Board share insert returned nothing');
  return ok({ url: `${origin}/s/b/${token}`, share: view(row), boardName: board.name });
}

export async function listBoardShares(boardId: string): Promise<BoardShareView[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(boardShares)
    .where(eq(boardShares.boardId, boardId))
    .orderBy(desc(boardShares.createdAt));
  return rows.map(view);
}

/** Every board's active links, newest first, with the board's name: the Shared links page lists them. */
export async function listActiveBoardShares(): Promise<Array<BoardShareView & { boardId: string; boardName: string }>> {
  const db = await getDb();
  const rows = await db
    .select({ share: boardShares, board: { id: boards.id, name: boards.name } })
    .from(boardShares)
    .innerJoin(boards, eq(boards.id, boardShares.boardId))
    .where(isNull(boardShares.revokedAt))
    .orderBy(desc(boardShares.createdAt));
  return rows.map(({ share, board }) => ({ ...view(share), boardId: board.id, boardName: board.name }));
}

/** Revokes a board link: its page and images answer 404 from the next request on. Revoking twice keeps the first. */
export async function revokeBoardShare(id: string): Promise<Result<BoardShareView>> {
  const db = await getDb();
  await db
    .update(boardShares)
    .set({ revokedAt: new Date() })
    .where(and(eq(boardShares.id, id), isNull(boardShares.revokedAt)));
  const [row] = await db.select().from(boardShares).where(eq(boardShares.id, id)).limit(1);
  return row ? ok(view(row)) : fail('share:not_found', 'That share link no longer exists.');
}

/** What an active board token shows, or null (unknown, revoked, or its board is gone). */
export async function resolveBoardShare(
  token: string,
): Promise<{ board: BoardRow; items: Awaited<ReturnType<typeof boardResults>> } | null> {
  if (!isShareToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ share: boardShares, board: boards })
    .from(boardShares)
    .innerJoin(boards, eq(boards.id, boardShares.boardId))
    .where(eq(boardShares.tokenHash, hashShareToken(token)))
    .limit(1);
  if (!row || row.share.revokedAt) return null;
  return { board: row.board, items: await boardResults(row.board.id) };
}
