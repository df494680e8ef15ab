import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import { expiryMs, SHARE_EXPIRIES, type CreatedShare, type ShareStatus, type ShareView } from '@/lib/share/types';
import { currentActor } from '../auth/actor';
import { getDb } from '../storage/db';
import {
  assets,
  deletedResults,
  jobResults,
  jobs,
  shares,
  type AssetRow,
  type JobRow,
  type ShareRow,
} from '../storage/schema';
import { hashShareToken, isShareToken, newShareToken, tokenHint } from './tokens';

const createSchema = z.object({
  jobId: z.string().min(1).max(100),
  position: z.number().int().min(0).max(15).optional(),
  includePrompt: z.boolean().default(false),
  includeBefore: z.boolean().default(false),
  expiry: z.enum(SHARE_EXPIRIES).default('never'),
});

const updateSchema = z.object({
  id: z.string().min(1).max(100),
  includePrompt: z.boolean().optional(),
  includeBefore: z.boolean().optional(),
  expiry: z.enum(SHARE_EXPIRIES).optional(),
});

const NOT_FOUND = 'That share link no longer exists.';

function statusOf(row: ShareRow, now: Date): ShareStatus {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'active';
}

function expiresAt(expiry: z.infer<typeof createSchema>['expiry'], now: Date): Date | null {
  const ms = expiryMs(expiry);
  return ms === null ? null : new Date(now.getTime() + ms);
}

/** Makes a link to a completed task's results (or one of them). The token is returned here, once. */
export async function createShare(input: unknown, origin: string): Promise<Result<CreatedShare>> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success)
    return fail('form:invalid', 'The share request could not be read; reload the page and try again.');
  const { jobId, position, includePrompt, includeBefore, expiry } = parsed.data;
  const db = await getDb();
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  const all = job ? await db.select().from(jobResults).where(eq(jobResults.jobId, jobId)) : [];
  const results = job ? await liveResults(jobId) : [];
  const has = (list: typeof all) =>
    position === undefined ? list.length > 0 : list.some((r) => r.position === position);
  if (!job || !has(all))
    return fail('share:not_found', 'Only finished results can be shared; this one has no image yet.');
  if (!has(results)) return fail('share:not_found', 'That result was deleted, so it can no longer be shared.');

  const token = newShareToken();
  const now = new Date();
  const [row] = await db
    .insert(shares)
    .values({
      id: randomUUID(),
      tokenHash: hashShareToken(token),
      tokenHint: tokenHint(token),
      jobId,
      position: position ?? null,
      includePrompt,
      includeBefore,
      expiresAt: expiresAt(expiry, now),
      createdBy: (await currentActor()).id,
    })
    .returning();
  if (!row) throw new Error('Share insert returned nothing');
  const [view] = await toViews([row]);
  return ok({ url: `${origin}/s/${token}`, share: view! });
}

/** Changes whether the prompt or the original shows, or the expiry (counted from now). A revoked link stays revoked. */
export async function updateShare(input: unknown): Promise<Result<ShareView>> {
  const parsed = updateSchema.safeParse(input);
  if (!parsed.success) return fail('form:invalid', 'The change could not be read; reload the page and try again.');
  const { id, includePrompt, includeBefore, expiry } = parsed.data;
  const patch: Partial<ShareRow> = {};
  if (includePrompt !== undefined) patch.includePrompt = includePrompt;
  if (includeBefore !== undefined) patch.includeBefore = includeBefore;
  if (expiry !== undefined) patch.expiresAt = expiresAt(expiry, new Date());
  return patchShare(id, patch);
}

/** Revokes a link: its page and images answer 404 from the next request on. */
export async function revokeShare(id: unknown): Promise<Result<ShareView>> {
  if (typeof id !== 'string' || id.length > 100) return fail('share:not_found', NOT_FOUND);
  return patchShare(id, { revokedAt: new Date() });
}

async function patchShare(id: string, patch: Partial<ShareRow>): Promise<Result<ShareView>> {
  const db = await getDb();
  const [current] = await db.select().from(shares).where(eq(shares.id, id)).limit(1);
  if (!current) return fail('share:not_found', NOT_FOUND);
  // Revoking twice keeps the first time; nothing un-revokes.
  if (current.revokedAt && patch.revokedAt) delete patch.revokedAt;
  const [row] = Object.keys(patch).length
    ? await db.update(shares).set(patch).where(eq(shares.id, id)).returning()
    : [current];
  const [view] = await toViews([row ?? current]);
  return ok(view!);
}

/** Every link the studio has made, newest first. */
export async function listShares(): Promise<ShareView[]> {
  const db = await getDb();
  return toViews(await db.select().from(shares).orderBy(desc(shares.createdAt)));
}

export interface ResolvedShare {
  share: ShareRow;
  /** Null unless the sharer chose to include it. */
  prompt: string | null;
  /** The shared results in order (position and its stored image). */
  results: Array<{ position: number; asset: AssetRow }>;
  /** The task's base image, when the sharer chose a before/after view. */
  before: AssetRow | null;
}

/** What an active token shows, or null (unknown, revoked, expired, or its task is gone). */
export async function resolveShare(token: string, now = new Date()): Promise<ResolvedShare | null> {
  if (!isShareToken(token)) return null;
  const db = await getDb();
  const [share] = await db
    .select()
    .from(shares)
    .where(eq(shares.tokenHash, hashShareToken(token)))
    .limit(1);
  if (!share || statusOf(share, now) !== 'active') return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, share.jobId)).limit(1);
  if (!job) return null;
  const deleted = await deletedPositions(job.id);
  // A deleted result is gone from its links too (page, images, before, preview); Undo brings both back.
  const rows = (
    await db
      .select({ position: jobResults.position, asset: assets })
      .from(jobResults)
      .innerJoin(assets, eq(assets.id, jobResults.assetId))
      .where(
        share.position === null
          ? eq(jobResults.jobId, job.id)
          : and(eq(jobResults.jobId, job.id), eq(jobResults.position, share.position)),
      )
  ).filter((row) => !deleted.has(row.position));
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.position - b.position);
  const baseId = job.referenceIds[0];
  const [before] =
    share.includeBefore && baseId ? await db.select().from(assets).where(eq(assets.id, baseId)).limit(1) : [];
  return { share, prompt: share.includePrompt ? job.prompt : null, results: rows, before: before ?? null };
}

/** Positions of this task's results that the user deleted (soft: Undo removes the row). */
async function deletedPositions(jobId: string): Promise<Set<number>> {
  const db = await getDb();
  const rows = await db
    .select({ position: deletedResults.position })
    .from(deletedResults)
    .where(eq(deletedResults.jobId, jobId));
  return new Set(rows.map((row) => row.position));
}

/** A task's results that have not been deleted: the only ones a new link may show. */
async function liveResults(jobId: string) {
  const db = await getDb();
  const deleted = await deletedPositions(jobId);
  const rows = await db.select().from(jobResults).where(eq(jobResults.jobId, jobId));
  return rows.filter((row) => !deleted.has(row.position));
}

async function toViews(rows: ShareRow[]): Promise<ShareView[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const jobIds = [...new Set(rows.map((r) => r.jobId))];
  const jobRows: JobRow[] = await db.select().from(jobs).where(inArray(jobs.id, jobIds));
  const results = await db.select().from(jobResults).where(inArray(jobResults.jobId, jobIds));
  const now = new Date();
  return rows.map((row) => {
    const job = jobRows.find((j) => j.id === row.jobId);
    const result = results
      .filter((r) => r.jobId === row.jobId && (row.position === null || r.position === row.position))
      .sort((a, b) => a.position - b.position)[0];
    return {
      id: row.id,
      jobId: row.jobId,
      position: row.position,
      includePrompt: row.includePrompt,
      includeBefore: row.includeBefore,
      tokenHint: row.tokenHint,
      status: statusOf(row, now),
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      prompt: job?.prompt ?? '',
      thumbUrl: result ? `/api/assets/${result.assetId}?variant=thumb` : null,
    };
  });
}
