import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { BOARD_NAME_MAX, type BoardItemView, type BoardView } from '@/lib/curation/types';
import type { Actor } from '../auth/actor';
import { getDb } from '../storage/db';
import {
  approvals,
  assets,
  boardItems,
  boards,
  jobResults,
  jobs,
  type AssetRow,
  type BoardRow,
} from '../storage/schema';
import { namesOf } from './people';
import { resultIsLive, type ResultKey } from './results';

export const boardNameSchema = z.string().trim().min(1, 'Give the board a name.').max(BOARD_NAME_MAX);

const BOARD_GONE = 'That board no longer exists; someone may have deleted it.';

export async function createBoard(name: string, actor: Actor): Promise<Result<BoardView>> {
  const db = await getDb();
  const [row] = await db.insert(boards).values({ id: randomUUID(), name, createdBy: actor.id }).returning();
  if (!row) throw new Error('Board insert returned nothing');
  const [view] = await toViews([row]);
  return ok(view!);
}

export async function renameBoard(id: string, name: string): Promise<Result<BoardView>> {
  const db = await getDb();
  const [row] = await db.update(boards).set({ name }).where(eq(boards.id, id)).returning();
  if (!row) return fail('board:not_found', BOARD_GONE);
  const [view] = await toViews([row]);
  return ok(view!);
}

/** Deletes the board, its items and its share links (the results themselves stay in the gallery). */
export async function deleteBoard(id: string): Promise<Result<{ id: string }>> {
  const db = await getDb();
  const [row] = await db.delete(boards).where(eq(boards.id, id)).returning({ id: boards.id });
  return row ? ok(row) : fail('board:not_found', BOARD_GONE);
}

/** Every board, by name. */
export async function listBoards(): Promise<BoardView[]> {
  const db = await getDb();
  return toViews(await db.select().from(boards).orderBy(asc(boards.name), asc(boards.createdAt)));
}

export async function findBoard(id: string): Promise<BoardView | null> {
  const db = await getDb();
  const [row] = await db.select().from(boards).where(eq(boards.id, id)).limit(1);
  return row ? ((await toViews([row]))[0] ?? null) : null;
}

/**
 * Adds results to a board, all or none; ones already on it stay as they were. Deleted or unknown results are
 * refused by name, so the person knows which one did not make it.
 */
export async function addToBoard(
  boardId: string,
  keys: ResultKey[],
  actor: Actor,
): Promise<Result<{ boardId: string; added: number }>> {
  const db = await getDb();
  const [board] = await db.select({ id: boards.id }).from(boards).where(eq(boards.id, boardId)).limit(1);
  if (!board) return fail('board:not_found', BOARD_GONE);
  const live = await db
    .select({ jobId: jobResults.jobId, position: jobResults.position })
    .from(jobResults)
    .where(
      and(
        inArray(jobResults.jobId, [...new Set(keys.map((key) => key.jobId))]),
        resultIsLive(jobResults.jobId, jobResults.position),
      ),
    );
  const liveKeys = new Set(live.map((row) => `${row.jobId}/${row.position}`));
  if (keys.some((key) => !liveKeys.has(`${key.jobId}/${key.position}`))) {
    return fail('result:not_found', 'One of those results no longer exists; nothing was added. Reload and try again.');
  }
  const inserted = await db
    .insert(boardItems)
    .values(keys.map((key) => ({ boardId, ...key, addedBy: actor.id })))
    .onConflictDoNothing()
    .returning({ jobId: boardItems.jobId });
  return ok({ boardId, added: inserted.length });
}

export async function removeFromBoard(boardId: string, key: ResultKey): Promise<Result<{ boardId: string }>> {
  const db = await getDb();
  await db
    .delete(boardItems)
    .where(
      and(eq(boardItems.boardId, boardId), eq(boardItems.jobId, key.jobId), eq(boardItems.position, key.position)),
    );
  return ok({ boardId });
}

/** A board's live results, most recently added first, each with its image and the team's decision. */
export async function boardResults(boardId: string): Promise<Array<BoardItemView & { asset: AssetRow }>> {
  const db = await getDb();
  const rows = await db
    .select({
      jobId: boardItems.jobId,
      position: boardItems.position,
      addedBy: boardItems.addedBy,
      prompt: jobs.prompt,
      asset: assets,
      decision: approvals.decision,
    })
    .from(boardItems)
    .innerJoin(jobResults, and(eq(jobResults.jobId, boardItems.jobId), eq(jobResults.position, boardItems.position)))
    .innerJoin(jobs, eq(jobs.id, boardItems.jobId))
    .innerJoin(assets, eq(assets.id, jobResults.assetId))
    .leftJoin(approvals, and(eq(approvals.jobId, boardItems.jobId), eq(approvals.position, boardItems.position)))
    .where(and(eq(boardItems.boardId, boardId), resultIsLive(boardItems.jobId, boardItems.position)))
    .orderBy(desc(boardItems.addedAt), asc(boardItems.jobId), asc(boardItems.position));
  const nameOf = await namesOf(rows.map((row) => row.addedBy));
  return rows.map((row) => ({
    jobId: row.jobId,
    position: row.position,
    prompt: row.prompt,
    width: row.asset.width,
    height: row.asset.height,
    url: `/api/assets/${row.asset.id}`,
    thumbUrl: `/api/assets/${row.asset.id}?variant=thumb`,
    addedByName: nameOf(row.addedBy),
    approval: row.decision ?? null,
    asset: row.asset,
  }));
}

async function toViews(rows: BoardRow[]): Promise<BoardView[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const counts = await db
    .select({ boardId: boardItems.boardId, n: count() })
    .from(boardItems)
    .where(
      and(
        inArray(
          boardItems.boardId,
          rows.map((row) => row.id),
        ),
        resultIsLive(boardItems.jobId, boardItems.position),
      ),
    )
    .groupBy(boardItems.boardId);
  const nameOf = await namesOf(rows.map((row) => row.createdBy));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdByName: nameOf(row.createdBy),
    items: Number(counts.find((c) => c.boardId === row.id)?.n ?? 0),
    createdAt: row.createdAt.toISOString(),
  }));
}
