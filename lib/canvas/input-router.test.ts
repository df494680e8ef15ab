import { describe, expect, it } from 'vitest';
import { PALM_GRACE_MS } from './input-router';
import { createHarness } from './testing/harness';

/** Who gets a press: the input router's arbitration, on the shared headless harness. */
describe('InputRouter', () => {
  it('refuses every press without a base', () => {
    const { editor } = createHarness({ base: false });
    expect(editor.pointerDown({ pointerId: 1, button: 0, x: 10, y: 10 })).toBe(false);
    expect(editor.pointerDown({ pointerId: 2, button: 0, x: 10, y: 10, pointerType: 'touch' })).toBe(false);
  });

  it('a gesture in progress owns its pointer: other pointers are refused and cannot end it', () => {
    const { editor, toStage } = createHarness();
    expect(editor.pointerDown({ pointerId: 1, button: 0, ...toStage(100, 100) })).toBe(true);
    expect(editor.pointerDown({ pointerId: 2, button: 1, ...toStage(200, 200) })).toBe(false); // not even a pan
    editor.pointerUp(2);
    expect(editor.getSnapshot().interaction).toBe('drawing');
    editor.pointerUp(1);
    expect(editor.document!.undoDepth).toBe(1);
  });

  it('buttons other than primary, middle, right and pen eraser are ignored', () => {
    const { editor, toStage } = createHarness();
    expect(editor.pointerDown({ pointerId: 1, button: 3, ...toStage(100, 100) })).toBe(false);
    expect(editor.pointerDown({ pointerId: 1, button: 4, ...toStage(100, 100) })).toBe(false);
    expect(editor.getSnapshot().interaction).toBe('idle');
  });

  it('Space routes the primary button to the pan tool instead of the chosen tool', () => {
    const { editor, drag } = createHarness();
    editor.setPanMode(true);
    const before = editor.camera;
    drag([100, 100], [150, 100]);
    expect(editor.document!.undoDepth).toBe(0);
    expect(editor.camera.x).not.toBe(before.x);
  });

  it('palm rejection: a pen down rejects touches until the grace period after it lifts', () => {
    const { editor, toStage } = createHarness();
    let now = 0;
    editor.now = () => now;
    const touch = (id: number) =>
      editor.pointerDown({ pointerId: id, button: 0, pointerType: 'touch', ...toStage(300, 300) });
    editor.pointerDown({ pointerId: 5, button: 0, pointerType: 'pen', ...toStage(100, 100) });
    expect(touch(6)).toBe(false);
    editor.pointerUp(5);
    now += PALM_GRACE_MS - 1;
    expect(touch(7)).toBe(false);
    now += 1;
    expect(touch(8)).toBe(true);
  });

  it('a pen landing forgets touches already resting: a later finger never makes a pinch with them', () => {
    const { editor, toStage } = createHarness();
    let now = 0;
    editor.now = () => now;
    const touch = (id: number) =>
      editor.pointerDown({ pointerId: id, button: 0, pointerType: 'touch', ...toStage(300, 300) });
    touch(1); // the palm lands first
    editor.pointerDown({ pointerId: 2, button: 0, pointerType: 'pen', ...toStage(100, 100) });
    editor.pointerUp(2);
    now += PALM_GRACE_MS;
    touch(3);
    expect(editor.getSnapshot().interaction).not.toBe('pinching');
  });

  it('a third finger is taken (no stroke) while two pinch; lifting one ends the pinch', () => {
    const { editor, toStage } = createHarness();
    const touch = (id: number, x: number) =>
      editor.pointerDown({ pointerId: id, button: 0, pointerType: 'touch', ...toStage(x, 200) });
    touch(1, 100);
    touch(2, 300);
    expect(touch(3, 500)).toBe(true);
    expect(editor.getSnapshot().interaction).toBe('pinching');
    editor.pointerUp(3);
    editor.pointerUp(2);
    expect(editor.getSnapshot().interaction).toBe('idle');
    expect(editor.document!.undoDepth).toBe(0);
  });

  it('pointer leave hides the hover (the brush ring goes)', () => {
    const { editor, toStage } = createHarness();
    editor.pointerMove(1, [toStage(100, 100)]);
    expect(editor.input.showsBrushRing).toBe(true);
    editor.pointerLeave();
    expect(editor.input.showsBrushRing).toBe(false);
  });
});
