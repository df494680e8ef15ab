import { describe, expect, it, vi } from 'vitest';
import { frameForRatio, CENTRE, type ExpandFrame } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS, FOUR_K_RATIOS, MAX_REFERENCES, nearestRatio } from '@/lib/jobs/options';
import type { Job } from '@/lib/jobs/types';
import { createStudioStore } from './store';
import { asset } from './test-assets';

const coffee = asset('coffee.png', 600, 400);
const rocket = asset('rocket.jpg', 400, 600);
const tall = asset('tall.png', 300, 900);

describe('studio store commands', () => {
  it('notifies subscribers once per change, and not at all when nothing changed', () => {
    const store = createStudioStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.setPrompt('Paint the cup blue');
    expect(listener).toHaveBeenCalledTimes(1);
    store.setPrompt('Paint the cup blue');
    store.moveReference(0, 0);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().prompt).toBe('Paint the cup blue');
  });

  it('adds, moves, makes base, removes and replaces references; the first is the base', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    store.addReference(rocket);
    store.addReference(tall, true);
    expect(store.getState().references.map((r) => r.filename)).toEqual(['tall.png', 'coffee.png', 'rocket.jpg']);
    store.moveReference(0, 2);
    expect(store.base?.filename).toBe('coffee.png');
    store.makeBase(tall.id);
    expect(store.getState().references.map((r) => r.filename)).toEqual(['tall.png', 'coffee.png', 'rocket.jpg']);
    store.removeReference(tall.id);
    expect(store.base).toBe(coffee);
    store.replaceReferences([rocket]);
    expect(store.getState().references).toEqual([rocket]);
  });

  it('refuses a reference past the limit, counting uploads in flight, and says so', () => {
    const store = createStudioStore();
    for (let i = 0; i < MAX_REFERENCES - 1; i++) store.addReference(asset(`r${i}.png`));
    store.uploadStarted({ key: 'k', name: 'late.png' });
    expect(store.addReference(coffee)).toBe(false);
    expect(store.getState().references).toHaveLength(MAX_REFERENCES - 1);
    expect(store.getState().refusals[0]?.code).toBe('reference:too_many');
    store.uploadFinished('k', { ok: true, data: rocket });
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().references.at(-1)).toBe(rocket);
  });

  it('setRatio drops 4k where the new ratio has none; patchOptions keeps the rest', () => {
    const store = createStudioStore();
    store.setOptions({ ...DEFAULT_OPTIONS, size: '16:9', resolution: '4k' });
    store.setRatio('3:2');
    expect(store.getState().options).toMatchObject({ size: '3:2', resolution: '2k' });
    store.patchOptions({ keepUnmasked: false });
    expect(store.getState().options).toMatchObject({ size: '3:2', resolution: '2k', keepUnmasked: false });
  });

  it('a start point sets its layout and options; style transfer refits its ratio to a new base once', () => {
    const store = createStudioStore();
    store.chooseStartPoint('blend');
    expect(store.getState()).toMatchObject({ startPoint: 'blend', maskOpen: false });
    store.setMaskOpen(true);
    expect(store.getState().maskOpen).toBe(true);

    store.newEdit();
    store.chooseStartPoint('style');
    expect(store.getState().options).toMatchObject({ size: '16:9', resolution: '4k', quality: 'high' });
    store.addReference(tall);
    expect(store.getState().options.size).toBe(nearestRatio(300, 900, FOUR_K_RATIOS));
    expect(store.getState().options.size).not.toBe('16:9');
    expect(store.getState().fittedBase).toBe(tall.id);
    store.setRatio('16:9'); // the user's own pick stands
    store.addReference(coffee);
    expect(store.getState().options.size).toBe('16:9');
  });

  it('New edit clears the studio and gives a fresh mask editor', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    store.setPrompt('x');
    store.chooseStartPoint('inpaint');
    store.changeFrame(frameForRatio(coffee, '16:9', CENTRE));
    store.maskChanged(true);
    const session = store.getState().session;
    store.newEdit();
    expect(store.getState()).toMatchObject({
      references: [],
      prompt: '',
      options: DEFAULT_OPTIONS,
      startPoint: null,
      expand: null,
      frame: null,
      maskOpen: true,
      maskPainted: false,
      session: session + 1,
    });
  });
});

describe('the expand frame', () => {
  it('a frame from the panel or the handles is stored on its base, and the Aspect ratio follows it', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    const wide = frameForRatio(coffee, '2:1', { x: 0, y: 0.5 });
    store.changeFrame(wide);
    expect(store.getState().expand).toEqual({ baseId: coffee.id, frame: wide });
    expect(store.getState().options.size).toBe('2:1');
    expect(store.getState().frame).toBe(wide);
    store.changeFrame(null);
    expect(store.getState()).toMatchObject({ expand: null, frame: null });
  });

  it('is conformed when the ratio changes elsewhere: the original stays where it sat, the shape follows', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    store.changeFrame(frameForRatio(coffee, '16:9', { x: 0, y: 0.5 }));
    store.setRatio('21:9');
    expect(store.getState().frame).toEqual(frameForRatio(coffee, '21:9', { x: 0, y: 0.5 }));
    // The ratio set is kept as the user set it; only the shown frame is remade.
    expect(store.getState().expand?.frame.ratio).toBe('16:9');
    // auto: still expanding, but no frame until a ratio is chosen.
    store.setRatio('auto');
    expect(store.getState().expand).not.toBeNull();
    expect(store.getState().frame).toBeNull();
  });

  it('is remade (centred) on a new base, and comes back when the old base does', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    store.addReference(rocket);
    const set = frameForRatio(coffee, '16:9', { x: 1, y: 0.5 });
    store.changeFrame(set);
    store.makeBase(rocket.id);
    expect(store.getState().frame).toEqual(frameForRatio(rocket, '16:9', CENTRE));
    store.makeBase(coffee.id);
    expect(store.getState().frame).toEqual(set);
  });

  it('keeps one object per frame, so readers re-render only on a real change', () => {
    const store = createStudioStore();
    store.addReference(coffee);
    store.changeFrame(frameForRatio(coffee, '16:9', CENTRE));
    const { frame, editorFrame } = store.getState();
    store.setPrompt('unrelated');
    store.changeFrame(frameForRatio(coffee, '16:9', CENTRE)); // equal, a new object
    expect(store.getState().frame).toBe(frame);
    expect(store.getState().editorFrame).toBe(editorFrame);
  });

  it('is the mask editor’s FrameSource: get, set (a drag) and subscribe', () => {
    const store = createStudioStore();
    const source = store.frameSource;
    const listener = vi.fn();
    const stop = source.subscribe(listener);
    expect(source.get()).toBeNull();
    store.addReference(coffee);
    store.changeFrame(frameForRatio(coffee, '16:9', CENTRE));
    expect(source.get()).toEqual({ frame: frameForRatio(coffee, '16:9', CENTRE), ratioLocked: true });
    const dragged: ExpandFrame = { ratio: '2:1', canvas: { width: 900, height: 450 }, offset: { x: 0, y: 25 } };
    listener.mockClear();
    source.set(dragged);
    expect(listener).toHaveBeenCalled();
    expect(source.get()?.frame).toEqual(dragged);
    expect(store.getState().options.size).toBe('2:1');
    store.setRatioLocked(false);
    expect(source.get()).toEqual({ frame: dragged, ratioLocked: false });
    stop();
    listener.mockClear();
    store.setRatioLocked(true);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('whole drafts', () => {
  const job = (patch: Partial<Job>): Job =>
    ({
      id: crypto.randomUUID(),
      prompt: 'Swap the cup for a glass',
      options: { ...DEFAULT_OPTIONS, size: '3:2', quality: 'low' },
      references: [coffee, rocket],
      mask: asset('mask.png'),
      startPoint: 'inpaint',
      expansion: null,
      ...patch,
    }) as Job;

  it('openDraft restores everything and asks for the mask on its base', () => {
    const store = createStudioStore();
    const mask = asset('draft-mask.png');
    store.openDraft({
      references: [coffee],
      prompt: 'p',
      options: { ...DEFAULT_OPTIONS, size: '16:9' },
      startPoint: 'blend',
      expand: { baseId: coffee.id, frame: frameForRatio(coffee, '16:9', CENTRE) },
      mask,
    });
    expect(store.getState()).toMatchObject({
      prompt: 'p',
      startPoint: 'blend',
      maskOpen: false,
      fittedBase: coffee.id,
      maskToLoad: { url: mask.url, baseId: coffee.id },
      frame: frameForRatio(coffee, '16:9', CENTRE),
    });
    store.maskLoadSettled('The saved mask could not be restored; paint it again.');
    expect(store.getState()).toMatchObject({ maskToLoad: null, maskProblem: expect.any(String) });
  });

  it('Edit again reopens a task’s references, prompt, options, start point and mask', () => {
    const store = createStudioStore();
    const task = job({});
    store.editAgain(task);
    expect(store.getState()).toMatchObject({
      references: [coffee, rocket],
      prompt: 'Swap the cup for a glass',
      options: task.options,
      startPoint: 'inpaint',
      expand: null,
      maskToLoad: { url: task.mask!.url, baseId: coffee.id },
    });
  });

  it('Edit again of an expanded task reopens on its original, its painted mask and its frame', () => {
    const store = createStudioStore();
    const padded = asset('padded.png', 1067, 600);
    const painted = asset('painted-mask.png');
    const frame = frameForRatio(coffee, '16:9', { x: 0, y: 0.5 });
    const task = job({
      references: [padded, rocket],
      options: { ...DEFAULT_OPTIONS, size: '16:9' },
      expansion: {
        setId: null,
        ratio: '16:9',
        frame,
        placement: { x: 0, y: 0.5 },
        canvas: frame.canvas,
        offset: frame.offset,
        scale: 1,
        source: coffee,
        paintedMask: painted,
      },
    });
    store.editAgain(task);
    const state = store.getState();
    expect(state.references).toEqual([coffee, rocket]);
    expect(state.expand).toEqual({ baseId: coffee.id, frame });
    expect(state.frame).toEqual(frame);
    expect(state.maskToLoad).toEqual({ url: painted.url, baseId: coffee.id });
  });
});
