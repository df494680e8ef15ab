import 'server-only';
import { eq } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import { sniffImageType } from '@/lib/images/sniff';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import type { StartPoint } from '@/lib/jobs/start-points';
import type { AssetView } from '@/lib/jobs/types';
import { EMPTY_DRAFT, parseSavedDraft, type Draft, type DraftInput } from '@/lib/studio/draft-schema';
import { assetView, findAssets, storeGeneratedAsset } from '../assets';
import { getDb } from '../storage/db';
import { drafts, draftStartPoints } from '../storage/schema';

// The draft's shape is declared once, for the browser's store and for this module alike.
export { browserIdSchema, draftInputSchema, type Draft, type DraftInput } from '@/lib/studio/draft-schema';

const MAX_MASK_BYTES = 20 * 1024 * 1024;

export async function loadDraft(browserId: string): Promise<Draft | null> {
  const db = await getDb();
  const [row] = await db.select().from(drafts).where(eq(drafts.browserId, browserId)).limit(1);
  if (!row) return null;
  const rows = await findAssets(row.maskId ? [...row.referenceIds, row.maskId] : row.referenceIds);
  const byId = new Map(rows.map((asset) => [asset.id, asset]));
  const mask = row.maskId ? byId.get(row.maskId) : undefined;
  const [start] = await db.select().from(draftStartPoints).where(eq(draftStartPoints.browserId, browserId)).limit(1);
  // Tolerant: a field an old draft lacks, or that no longer parses (the model table changed), comes back empty.
  return (
    parseSavedDraft({
      prompt: row.prompt,
      options: row.options,
      references: row.referenceIds.flatMap((id) => {
        const asset = byId.get(id);
        return asset && asset.kind === 'reference' ? [assetView(asset)] : [];
      }),
      mask: mask ? assetView(mask) : null,
      startPoint: start?.startPoint ?? null,
      expand: row.expand,
    }) ?? EMPTY_DRAFT
  );
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
