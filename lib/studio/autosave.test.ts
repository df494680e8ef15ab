import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CENTRE, frameForRatio } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { MASK_SAVE_DELAY_MS, SAVE_DELAY_MS, startAutosave, type DraftStorage } from './autosave';
import { draftInputSchema, EMPTY_DRAFT, type Draft, type DraftInput } from './draft-schema';
import { createStudioStore } from './store';
import { asset } from './test-assets';

const BROWSER = crypto.randomUUID();
const coffee = asset('coffee.png');
const rocket = asset('rocket.jpg');

/** A storage that records what was sent. */
function fakeStorage(saved: Draft | null = null) {
  const saves: DraftInput[] = [];
  const masks: Blob[] = [];
  const storage: DraftStorage = {
    load: async () => saved,
    save: async (browserId, input) => {
      expect(browserId).toBe(BROWSER);
      saves.push(input);
    },
    saveMask: async (_browserId, png) => {
      masks.push(png);
      return true;
    },
  };
  return { storage, saves, masks };
}

async function started(saved: Draft | null = null, mask: Blob | null = new Blob(['png'])) {
  const store = createStudioStore();
  const fake = fakeStorage(saved);
  const autosave = startAutosave(store, { browserId: BROWSER, storage: fake.storage, exportMask: async () => mask });
  await autosave.restored;
  await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS); // the restored draft's own save
  fake.saves.length = 0;
  return { store, autosave, ...fake };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('autosave', () => {
  it('restores the saved draft into the store before listening', async () => {
    const mask = asset('draft-mask.png');
    const { store, autosave } = await started({
      references: [coffee, rocket],
      prompt: 'Paint the rocket red',
      options: { ...DEFAULT_OPTIONS, size: '16:9' },
      startPoint: 'inpaint',
      expand: null,
      mask,
    });
    expect(store.getState()).toMatchObject({
      references: [coffee, rocket],
      prompt: 'Paint the rocket red',
      startPoint: 'inpaint',
      maskToLoad: { url: mask.url, baseId: coffee.id },
    });
    autosave.stop();
  });

  it('keeps what the person typed or picked while the draft was still loading, and takes the rest from it', async () => {
    const store = createStudioStore();
    let arrive: (draft: Draft) => void = () => {};
    const storage: DraftStorage = {
      ...fakeStorage().storage,
      load: () => new Promise<Draft>((resolve) => (arrive = resolve)),
    };
    const autosave = startAutosave(store, { browserId: BROWSER, storage, exportMask: async () => null });
    store.setPrompt('A lighthouse at dusk');
    arrive({
      references: [coffee],
      prompt: 'The old draft',
      options: { ...DEFAULT_OPTIONS, size: '16:9' },
      startPoint: 'inpaint',
      expand: null,
      mask: asset('draft-mask.png'),
    });
    await autosave.restored;
    expect(store.getState()).toMatchObject({
      prompt: 'A lighthouse at dusk',
      references: [coffee],
      options: { size: '16:9' },
      startPoint: 'inpaint',
    });
    autosave.stop();
  });

  it('saves once, a moment after the last of several changes, with everything the draft holds', async () => {
    const { store, saves, autosave } = await started();
    store.addReference(coffee);
    store.setPrompt('Paint');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    store.setPrompt('Paint the cup blue');
    store.changeFrame(frameForRatio(coffee, '16:9', CENTRE));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(saves).toEqual([
      {
        prompt: 'Paint the cup blue',
        options: { ...DEFAULT_OPTIONS, size: '16:9' },
        referenceIds: [coffee.id],
        clearMask: false,
        startPoint: null,
        expand: { baseId: coffee.id, frame: frameForRatio(coffee, '16:9', CENTRE) },
      },
    ]);
    // What it sends is what the server action accepts.
    expect(draftInputSchema.safeParse(saves[0]).success).toBe(true);
    autosave.stop();
  });

  it('does not save for changes outside the draft (uploads in flight, the ratio lock, the mask folding)', async () => {
    const { store, saves, autosave } = await started();
    store.uploadStarted({ key: 'k', name: 'a.png' });
    store.setMaskOpen(false);
    store.setRatioLocked(false);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(saves).toHaveLength(0);
    autosave.stop();
  });

  it('saves the mask’s pixels apart, later, and drops the saved mask when the base changes', async () => {
    const { store, saves, masks, autosave } = await started();
    store.addReference(coffee);
    store.addReference(rocket);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saves.length = 0;
    store.maskChanged(true);
    store.maskChanged(true);
    await vi.advanceTimersByTimeAsync(MASK_SAVE_DELAY_MS);
    expect(masks).toHaveLength(1);
    expect(saves).toHaveLength(0);
    // The mask was painted on coffee: a new base makes the next save clear it, once.
    store.makeBase(rocket.id);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saves.map((save) => save.clearMask)).toEqual([true]);
    store.setPrompt('again');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saves.map((save) => save.clearMask)).toEqual([true, false]);
    autosave.stop();
  });

  it('a cleared mask clears the saved one, keeping the rest of the draft', async () => {
    const { store, saves, masks, autosave } = await started(null, null);
    store.addReference(coffee);
    store.changeFrame(frameForRatio(coffee, '4:3', CENTRE));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saves.length = 0;
    store.maskChanged(false);
    await vi.advanceTimersByTimeAsync(MASK_SAVE_DELAY_MS);
    expect(masks).toHaveLength(0);
    expect(saves).toEqual([expect.objectContaining({ clearMask: true, expand: store.getState().expand })]);
    autosave.stop();
  });

  it('stop drops a save not yet sent, and nothing is restored or saved after it', async () => {
    const { store, saves, autosave } = await started();
    store.setPrompt('late');
    autosave.stop();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(saves).toHaveLength(0);

    const fresh = createStudioStore();
    const early = startAutosave(fresh, {
      browserId: BROWSER,
      storage: fakeStorage({ ...EMPTY_DRAFT, prompt: 'restored' }).storage,
      exportMask: () => undefined,
    });
    early.stop();
    await early.restored;
    expect(fresh.getState().prompt).toBe('');
  });
});
