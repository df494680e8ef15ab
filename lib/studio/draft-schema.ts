/**
 * The studio's draft, declared once: what the store holds, what the autosave sends, what the server stores and gives
 * back. Plain zod (no React, no server-only), so the browser's store and `lib/server/drafts` import the same module.
 */
import { z } from 'zod';
import { expandFrameSchema } from '@/lib/expand/schema';
import { DEFAULT_OPTIONS, generationOptionsSchema, MAX_PROMPT_CHARS, MAX_REFERENCES } from '@/lib/jobs/options';
import { startPointSchema } from '@/lib/jobs/start-points';

/** A stored image as the browser sees it (`AssetView`). */
export const assetViewSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  width: z.number(),
  height: z.number(),
  url: z.string(),
  thumbUrl: z.string(),
});

/** Expand canvas: the frame the user set and the base it was set on (a new base makes a new frame). */
export const draftExpandSchema = z.object({ baseId: z.uuid(), frame: expandFrameSchema });
export type DraftExpand = z.infer<typeof draftExpandSchema>;

/** What the studio is editing: references (the first is the base), prompt, options, start point, frame, mask. */
export const draftSchema = z.object({
  references: z.array(assetViewSchema).max(MAX_REFERENCES),
  prompt: z.string().max(MAX_PROMPT_CHARS),
  options: generationOptionsSchema,
  /** The Start section's mode the draft was set up from; null when none was chosen. */
  startPoint: startPointSchema.nullable(),
  /** Null when not expanding. */
  expand: draftExpandSchema.nullable(),
  /** The painted mask (a PNG asset, alpha 0 = repaint) on the base; null when nothing is painted. */
  mask: assetViewSchema.nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

export const EMPTY_DRAFT: Draft = {
  references: [],
  prompt: '',
  options: DEFAULT_OPTIONS,
  startPoint: null,
  expand: null,
  mask: null,
};

/**
 * A draft read back from storage or the wire. Each field that is missing or no longer parses (an old draft from
 * before the field existed, a model table that changed) falls back to its empty value, so the rest still restores.
 */
export const savedDraftSchema = z.object({
  references: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap(parseAsset)),
  prompt: draftSchema.shape.prompt.catch(EMPTY_DRAFT.prompt),
  options: draftSchema.shape.options.catch(EMPTY_DRAFT.options),
  startPoint: draftSchema.shape.startPoint.catch(EMPTY_DRAFT.startPoint),
  expand: draftSchema.shape.expand.catch(EMPTY_DRAFT.expand),
  mask: draftSchema.shape.mask.catch(EMPTY_DRAFT.mask),
}) satisfies z.ZodType<Draft, unknown>;

function parseAsset(item: unknown) {
  const asset = assetViewSchema.safeParse(item);
  return asset.success ? [asset.data] : [];
}

/** Parses a saved draft tolerantly (see `savedDraftSchema`); anything that is not an object at all gives null. */
export function parseSavedDraft(value: unknown): Draft | null {
  const draft = savedDraftSchema.safeParse(value);
  return draft.success ? draft.data : null;
}

/** A browser id is a random UUID the browser made; anything else is refused before touching the database. */
export const browserIdSchema = z.uuid();

/** What the autosave sends: the draft with its references by id; the mask's pixels travel apart. */
export const draftInputSchema = z.object({
  prompt: draftSchema.shape.prompt,
  options: draftSchema.shape.options,
  referenceIds: z.array(z.uuid()).max(MAX_REFERENCES),
  /** Drop the saved mask (the base changed or the mask was cleared). */
  clearMask: z.boolean().optional(),
  /** Absent keeps the saved one; null forgets it (New edit). */
  startPoint: draftSchema.shape.startPoint.optional(),
  /** The Expand canvas frame; absent or null when not expanding. */
  expand: draftSchema.shape.expand.optional(),
});
export type DraftInput = z.infer<typeof draftInputSchema>;
