'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { fail, type Result } from '@/lib/errors';
import type { BoardShareView, BoardView } from '@/lib/curation/types';
import { decideResult } from '@/lib/server/curation/approvals';
import { createBoardShare, revokeBoardShare } from '@/lib/server/curation/board-shares';
import {
  addToBoard,
  boardNameSchema,
  createBoard,
  deleteBoard,
  removeFromBoard,
  renameBoard,
} from '@/lib/server/curation/boards';
import { setStar } from '@/lib/server/curation/stars';
import { recordWhenDone } from '@/lib/server/people/activity';
import { guardAction } from '@/lib/server/guard';
import { publicOrigin } from '@/lib/server/share/origin';

/*
 * Curation from the studio: stars (each person's own), the team's Approve / Reject, and boards with their share
 * links. Public endpoints like every action: parse, the guard, then lib/server/curation, which records the person.
 */

const id = z.string().min(1).max(100);
const resultKey = z.object({ jobId: id, position: z.number().int().min(0).max(15) });
const UNREADABLE = 'The request could not be read; reload the page and try again.';

function parsed<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; message: string } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: issue?.code === 'custom' || issue?.path.includes('name') ? issue.message : UNREADABLE };
}

/** `{ jobId, position, starred }`: stars or unstars a result for the caller. */
export async function starResult(input: unknown) {
  return guardAction('starResult', 'react', async (actor) => {
    const form = parsed(resultKey.extend({ starred: z.boolean() }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    const { starred, ...key } = form.data;
    return setStar(key, starred, actor);
  });
}

/** `{ jobId, position, decision }`: Approve, Reject, or (null) take the decision back. */
export async function decideOnResult(input: unknown) {
  return guardAction('decideOnResult', 'curate', async (actor) => {
    const form = parsed(resultKey.extend({ decision: z.enum(['approved', 'rejected']).nullable() }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    const { decision, ...key } = form.data;
    return decideResult(key, decision, actor);
  });
}

/** `{ name }` → the new board. */
export async function createBoardAction(input: unknown): Promise<Result<BoardView>> {
  return guardAction('createBoard', 'curate', async (actor) => {
    const form = parsed(z.object({ name: boardNameSchema }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    return createBoard(form.data.name, actor);
  });
}

/** `{ id, name }`. */
export async function renameBoardAction(input: unknown): Promise<Result<BoardView>> {
  return guardAction('renameBoard', 'curate', async () => {
    const form = parsed(z.object({ id, name: boardNameSchema }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    return renameBoard(form.data.id, form.data.name);
  });
}

export async function deleteBoardAction(boardId: unknown): Promise<Result<{ id: string }>> {
  return guardAction('deleteBoard', 'curate', async () => {
    const form = parsed(id, boardId);
    return form.ok ? deleteBoard(form.data) : fail('form:invalid', form.message);
  });
}

/** `{ boardId, items: [{ jobId, position }, …] }`: one or many results onto a board. */
export async function addToBoardAction(input: unknown) {
  return guardAction('addToBoard', 'curate', async (actor) => {
    const form = parsed(z.object({ boardId: id, items: z.array(resultKey).min(1).max(200) }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    return addToBoard(form.data.boardId, form.data.items, actor);
  });
}

/** `{ boardId, jobId, position }`. */
export async function removeFromBoardAction(input: unknown) {
  return guardAction('removeFromBoard', 'curate', async () => {
    const form = parsed(resultKey.extend({ boardId: id }), input);
    if (!form.ok) return fail('form:invalid', form.message);
    const { boardId, ...key } = form.data;
    return removeFromBoard(boardId, key);
  });
}

/** A read-only link to the board: the absolute URL, shown once. */
export async function shareBoardAction(
  boardId: unknown,
): Promise<Result<{ url: string; share: BoardShareView; boardName: string }>> {
  return guardAction('shareBoard', 'share', async (actor) => {
    const form = parsed(id, boardId);
    if (!form.ok) return fail('form:invalid', form.message);
    return createBoardShare(form.data, publicOrigin(await headers()), actor).then(
      recordWhenDone(actor, 'board-share.created', (d) => ({ shareId: d.share.id, boardName: d.boardName })),
    );
  });
}

export async function revokeBoardShareAction(shareId: unknown): Promise<Result<BoardShareView>> {
  return guardAction('revokeBoardShare', 'share', async (actor) => {
    const form = parsed(id, shareId);
    if (!form.ok) return fail('form:invalid', form.message);
    return revokeBoardShare(form.data).then(recordWhenDone(actor, 'board-share.revoked', (d) => ({ shareId: d.id })));
  });
}
