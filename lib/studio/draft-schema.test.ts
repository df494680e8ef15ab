import { describe, expect, it } from 'vitest';
import { CENTRE, frameForRatio } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { draftInputSchema, draftSchema, EMPTY_DRAFT, parseSavedDraft, type Draft } from './draft-schema';
import { asset } from './test-assets';

const coffee = asset('coffee.png');
const full: Draft = {
  references: [coffee],
  prompt: 'Paint the cup blue',
  options: { ...DEFAULT_OPTIONS, size: '16:9', quality: 'high' },
  startPoint: 'inpaint',
  expand: { baseId: coffee.id, frame: frameForRatio(coffee, '16:9', CENTRE) },
  mask: asset('mask.png'),
};

describe('the draft schema', () => {
  it('parses a saved draft as it was saved', () => {
    expect(draftSchema.parse(full)).toEqual(full);
    expect(parseSavedDraft(JSON.parse(JSON.stringify(full)))).toEqual(full);
  });

  it('reads an old draft missing the newer fields (start point, expand, keep unmasked) as empty, keeping the rest', () => {
    const oldOptions = { ...full.options };
    delete oldOptions.keepUnmasked;
    const old = { references: [coffee], prompt: 'old', options: oldOptions, mask: null };
    expect(parseSavedDraft(old)).toEqual({
      ...EMPTY_DRAFT,
      references: [coffee],
      prompt: 'old',
      options: oldOptions,
    });
  });

  it('falls back field by field when one no longer parses (a changed model table, a bad frame, a bad asset)', () => {
    const saved = parseSavedDraft({
      ...full,
      options: { ...full.options, resolution: '8k' },
      expand: { baseId: 'not-a-uuid', frame: full.expand!.frame },
      references: [coffee, { id: 'half an asset' }],
      startPoint: 'sketch',
    });
    expect(saved).toEqual({ ...full, options: DEFAULT_OPTIONS, expand: null, startPoint: null });
    expect(parseSavedDraft(null)).toBeNull();
    expect(parseSavedDraft('draft')).toBeNull();
  });

  it('the save input refuses what the server must not store', () => {
    const input = { prompt: 'p', options: DEFAULT_OPTIONS, referenceIds: [coffee.id] };
    expect(draftInputSchema.safeParse(input).success).toBe(true);
    expect(draftInputSchema.safeParse({ ...input, referenceIds: ['../etc'] }).success).toBe(false);
    expect(draftInputSchema.safeParse({ ...input, options: { ...DEFAULT_OPTIONS, resolution: '4k' } }).success).toBe(
      false,
    );
    // Absent start point and frame keep the saved ones; null forgets them.
    expect(draftInputSchema.parse({ ...input, startPoint: null, expand: null })).toMatchObject({
      startPoint: null,
      expand: null,
    });
  });
});
