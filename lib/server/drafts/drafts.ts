import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/errors';
import type { ExpandFrame } from '@/lib/expand/geometry';
import { expandFrameSchema } from '@/lib/expand/schema';
import { sniffImageType } from '@/lib/images/sniff';
import { DEFAULT_OPTIONS, generationOptionsSchema, MAX_PROMPT_CHARS, MAX_REFERENCES } from '@/lib/jobs/options';
import { startPointSchema, type StartPoint } from '@/lib/jobs/start-points';
import type { AssetView } from '@/lib/jobs/types';
import { assetView, findAssets, storeGeneratedAsset } from '../assets';
import { getDb } from '../storage/db';
import { drafts, draftStartPoints } from '../storage/schema';

/** What the studio was editing, as the browser gets it back. */
export interface DraftView {
  prompt: string;
  options: z.infer<typeof generationOptionsSchema>;
  references: AssetView[];
  mask: AssetView | null;
  /** The Start section's mode the draft was set up from; null when none was chosen. */
  startPoint: StartPoint | null;
  /** Expand canvas: the frame and the base it was set on; null when not expanding. */
  expand: { baseId: string; frame: ExpandFrame } | null;
}

const draftExpandSchema = z.object({ baseId: z.uuid(), frame: expandFrameSchema });

/** A browser id is a random UUID the browser made; anything else is refused before touching the database. */
export const browserIdSchema = z.uuid();

export const draftInputSchema = z.object({
  prompt: z.string().max(MAX_PROMPT_CHARS),
  options: generationOptionsSchema,
  referenceIds: z.array(z.uuid()).max(MAX_REFERENCES),
  /** Drop the saved mask (the base changed or the mask was cleared). */
  clearMask: z.boolean().optional(),
  /** Absent keeps the saved one; null forgets it (New edit). */
  startPoint: startPointSchema.nullish(),
  /** The Expand canvas frame; absent or null when not expanding. */
  expand: draftExpandSchema.nullish(),
});
export type DraftInput = z.infer<typeof draftInputSchema>;

const MAX_MASK_BYTES = 20 * 1024 * 1024;

export async function loadDraft(browserId: string): Promise<DraftView | null> {
  const db = await getDb();
  const [row] = await db.select().from(drafts).where(eq(drafts.browserId, browserId)).limit(1);
  if (!row) return null;
  const rows = await findAssets(row.maskId ? [...row.referenceIds, row.maskId] : row.referenceIds);
  const byId = new Map(rows.map((asset) => [asset.id, asset]));
  const mask = row.maskId ? byId.get(row.maskId) : undefined;
  const [start] = await db.select().from(draftStartPoints).where(eq(draftStartPoints.browserId, browserId)).limit(1);
  // An old draft whose options no longer parse (the model table changed) falls back to the defaults.
  const options = generationOptionsSchema.safeParse(row.options);
  const expand = draftExpandSchema.safeParse(row.expand);
  return {
    prompt: row.prompt,
    options: options.success ? options.data : DEFAULT_OPTIONS,
    references: row.referenceIds.flatMap((id) => {
      const asset = byId.get(id);
      return asset && asset.kind === 'reference' ? [assetView(asset)] : [];
    }),
    mask: mask ? assetView(mask) : null,
    startPoint: start?.startPoint ?? null,
    expand: expand.success ? expand.data : null,
  };
}

/** Saves everything but the mask's pixels (those come through `saveDraftMask`, debounced by the page). */
export async function saveDraft(browserId: string, input: DraftInput): Promise<Result<{ savedAt: string }>> {
  const db = await getDb();
  const updatedAt = new Date();
  const values = {
    prompt: input.prompt,
    options: input.options,
    referenceIds: input.referenceIds,
    expand: input.expand ?? null,
    updatedAt,
  };
  const patch = input.clearMask ? { ...values, maskId: null } : values;
  await db
    .insert(drafts)
    .values({ browserId, ...patch })
    .onConflictDoUpdate({ target: drafts.browserId, set: patch });
  await saveStartPoint(browserId, input.startPoint, updatedAt);
  return ok({ savedAt: updatedAt.toISOString() });
}

/** Stores the painted mask as a PNG asset and points the draft at it. */
export async function saveDraftMask(browserId: string, png: Blob): Promise<Result<AssetView>> {
  if (png.size > MAX_MASK_BYTES) return fail('mask:invalid', 'The mask is too large to save.');
  const bytes = new Uint8Array(await png.arrayBuffer());
  if (sniffImageType(bytes.subarray(0, 16)) !== 'png') return fail('mask:invalid', 'The mask must be a PNG.');
  const row = await storeGeneratedAsset({ kind: 'mask', bytes, filename: 'draft-mask.png' });
  const db = await getDb();
  await db
    .insert(drafts)
    .values({ browserId, options: DEFAULT_OPTIONS, maskId: row.id })
    .onConflictDoUpdate({ target: drafts.browserId, set: { maskId: row.id, updatedAt: new Date() } });
  return ok(assetView(row));
}

async function saveStartPoint(
  browserId: string,
  startPoint: StartPoint | null | undefined,
  updatedAt: Date,
): Promise<void> {
  if (startPoint === undefined) return;
  const db = await getDb();
  if (startPoint === null) {
    await db.delete(draftStartPoints).where(eq(draftStartPoints.browserId, browserId));
    return;
  }
  await db
    .insert(draftStartPoints)
    .values({ browserId, startPoint, updatedAt })
    .onConflictDoUpdate({ target: draftStartPoints.browserId, set: { startPoint, updatedAt } });
}
