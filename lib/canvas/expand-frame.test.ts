import { describe, expect, it } from 'vitest';
import { frameRect } from '@/lib/expand/frame';
import { CENTRE, frameForRatio } from '@/lib/expand/geometry';
import { runMaskCommand } from './commands';
import { FRAME_HANDLE_HIT_PX } from './frame-drag';
import { createHarness } from './testing/harness';

const BASE = { width: 600, height: 400 };
const START = frameForRatio(BASE, '16:9', CENTRE); // 711 × 400, the original at (56, 0)

describe('expand frame in the editor', () => {
  it('fits the expanded canvas into view with the base at its offset, without touching the mask or history', () => {
    const { editor, frames } = createHarness();
    const before = editor.camera;
    frames.show(START);
    expect(editor.expandFrame).toEqual({ x: -56, y: -0, width: 711, height: 400 });
    const { scale, x } = editor.camera;
    expect(scale).toBeLessThan(before.scale);
    // The canvas's left edge (image x = -56) lands on the 16 px fit padding; its right edge mirrors it.
    expect(-56 * scale + x).toBeCloseTo(16, 5);
    expect((711 - 56) * scale + x).toBeCloseTo(800 - 16, 5);
    expect(editor.getSnapshot().canUndo).toBe(false);
    expect(editor.getSnapshot().expanding).toBe(true);
    frames.show(null);
    expect(editor.camera).toEqual(before);
    expect(editor.getSnapshot().expanding).toBe(false);
  });

  it('dragging the right edge handle, unlocked, snaps to 2:1 and reports the frame once, without painting', () => {
    const { editor, committed, toStage, dragStage } = createHarness({ frame: START, ratioLocked: false });
    const scale = editor.camera.scale;
    const handle = toStage(655, 200); // the right edge's middle: the canvas ends 655 px right of the base's left
    expect(editor.frameHandleAt(handle)).toBe('e');
    let snapshots = 0;
    editor.subscribe(() => snapshots++);
    expect(dragStage(handle, { x: handle.x + 99 * scale, y: handle.y + 30 })).toBe(true);
    expect(committed).toEqual([{ ratio: '2:1', canvas: { width: 800, height: 400 }, offset: { x: 56, y: 0 } }]);
    expect(editor.canvasFrame).toEqual(committed[0]);
    expect(snapshots).toBeLessThanOrEqual(3); // down (framing), up (committed): never per move
    expect(editor.getSnapshot().hasMask).toBe(false);
    expect(editor.getSnapshot().canUndo).toBe(false);
    // Refitted: the whole 800 px canvas is in view again for the next drag.
    expect(-56 * editor.camera.scale + editor.camera.x).toBeCloseTo(16, 5);
  });

  it('with the ratio locked, the bottom edge grows the canvas in both dimensions and keeps 16:9', () => {
    const { editor, committed, toStage, dragStage } = createHarness({ frame: START });
    const scale = editor.camera.scale;
    const handle = toStage(355.5 - 56, 400);
    expect(editor.frameHandleAt(handle)).toBe('s');
    dragStage(handle, { x: handle.x, y: handle.y + 50 * scale });
    expect(committed).toEqual([{ ratio: '16:9', canvas: { width: 800, height: 450 }, offset: { x: 101, y: 0 } }]);
  });

  it('the frame shown follows the pointer during the drag, and Esc puts everything back', () => {
    const { editor, committed, toStage } = createHarness({ frame: START, ratioLocked: false });
    const handle = toStage(655, 200);
    editor.pointerDown({ pointerId: 1, button: 0, ...handle });
    editor.pointerMove(1, [{ x: handle.x + 99 * editor.camera.scale, y: handle.y }]);
    expect(editor.getSnapshot().interaction).toBe('framing');
    expect(editor.expandFrame).toEqual({ x: -56, y: -0, width: 800, height: 400 });
    runMaskCommand(editor, 'cancel');
    expect(editor.canvasFrame).toEqual(START);
    editor.pointerUp(1);
    expect(committed).toEqual([]);
  });

  it('handles have a 28 px hit square; a press beside one paints as usual', () => {
    const { editor, toStage, dragStage } = createHarness({ frame: START });
    const corner = toStage(-56, 0);
    expect(editor.frameHandleAt({ x: corner.x + FRAME_HANDLE_HIT_PX, y: corner.y - FRAME_HANDLE_HIT_PX })).toBe('nw');
    expect(editor.frameHandleAt({ x: corner.x + FRAME_HANDLE_HIT_PX + 1, y: corner.y })).toBeNull();
    // A stroke across the base's middle, well away from every handle, paints.
    dragStage(toStage(150, 200), toStage(450, 200));
    expect(editor.getSnapshot().hasMask).toBe(true);
    expect(editor.document!.alpha()[200 * 600 + 300]).toBe(0);
    expect(editor.canvasFrame).toEqual(START);
  });

  it('Move original drags the original (under the pointer) and paints nothing; the brush paints again after', () => {
    const { editor, committed, toStage, dragStage } = createHarness({ frame: START });
    expect(runMaskCommand(editor, 'move')).toBe(true);
    const scale = editor.camera.scale;
    const from = toStage(300, 200);
    const frameOnScreen = toStage(-56, 0);
    editor.pointerDown({ pointerId: 1, button: 0, ...from });
    editor.pointerMove(1, [{ x: from.x + 40 * scale, y: from.y }]);
    // While dragging, the canvas stays put on screen and the original moves with the pointer.
    expect(editor.canvasFrame?.offset).toEqual({ x: 96, y: 0 });
    const rect = frameRect(editor.canvasFrame!);
    expect(rect.x * editor.camera.scale + editor.camera.x).toBeCloseTo(frameOnScreen.x, 5);
    expect(toStage(300, 200).x).toBeCloseTo(from.x + 40 * scale, 5);
    editor.pointerMove(1, [{ x: from.x + 500 * scale, y: from.y }]);
    editor.pointerUp(1);
    expect(committed).toEqual([{ ...START, offset: { x: 111, y: 0 } }]); // stopped at the canvas's right edge
    expect(editor.getSnapshot().hasMask).toBe(false);

    runMaskCommand(editor, 'brush');
    dragStage(toStage(150, 200), toStage(450, 200));
    expect(editor.getSnapshot().hasMask).toBe(true);
    expect(committed).toHaveLength(1);
  });

  it('Move original exists only while expanding, and leaving the expanded canvas puts the brush back', () => {
    const { editor, frames } = createHarness();
    expect(runMaskCommand(editor, 'move')).toBe(false);
    frames.show(START);
    expect(runMaskCommand(editor, 'move')).toBe(true);
    expect(editor.getSnapshot().tool).toBe('move');
    frames.show(null);
    expect(editor.getSnapshot().tool).toBe('brush');
  });

  it('a second finger turns a one-finger handle drag into a pinch, and nothing is committed', () => {
    const { editor, committed, toStage } = createHarness({ frame: START });
    const handle = toStage(655, 200);
    expect(editor.pointerDown({ pointerId: 1, button: 0, pointerType: 'touch', ...handle })).toBe(true);
    editor.pointerMove(1, [{ x: handle.x + 40, y: handle.y }]);
    expect(editor.getSnapshot().interaction).toBe('framing');
    expect(editor.canvasFrame?.canvas.width).toBeGreaterThan(711);
    editor.pointerDown({ pointerId: 2, button: 0, pointerType: 'touch', x: 100, y: 100 });
    expect(editor.getSnapshot().interaction).toBe('pinching');
    editor.pointerUp(1);
    editor.pointerUp(2);
    expect(committed).toEqual([]);
    expect(editor.canvasFrame).toEqual(START);
  });

  it('a press on a handle without a move changes nothing, not even the zoom', () => {
    const { editor, committed, toStage } = createHarness({ frame: START });
    editor.zoomBy(1.5, toStage(655, 200));
    const zoomed = editor.camera;
    const handle = toStage(655, 200);
    expect(editor.pointerDown({ pointerId: 1, button: 0, ...handle })).toBe(true);
    editor.pointerUp(1);
    expect(committed).toEqual([]);
    expect(editor.camera).toEqual(zoomed);
    expect(editor.getSnapshot().interaction).toBe('idle');
  });

  it('setting the same frame again changes nothing; the page setting a new one refits the view', () => {
    const { editor, frames } = createHarness({ frame: START });
    editor.zoomBy(2);
    const zoomed = editor.camera;
    frames.show({ ...START, offset: { ...START.offset } });
    expect(editor.camera).toEqual(zoomed);
    frames.show({ ...START, offset: { x: 0, y: 0 } });
    expect(editor.camera).not.toEqual(zoomed);
    expect(editor.getSnapshot().isFitted).toBe(true);
  });
});
