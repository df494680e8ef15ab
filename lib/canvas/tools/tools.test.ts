import { describe, expect, it } from 'vitest';
import { CENTRE, frameForRatio } from '@/lib/expand/geometry';
import { createHarness } from '../testing/harness';

/** Each tool class through the router, on the shared headless harness (600 × 400 base in an 800 × 600 stage). */

describe('StrokeTool (brush and eraser)', () => {
  it('takes the pointer, shows a draft while drawing, and pushes one stroke on release', () => {
    const { editor, toStage, alphaAt } = createHarness();
    expect(editor.pointerDown({ pointerId: 1, button: 0, ...toStage(100, 100) })).toBe(true);
    editor.pointerMove(1, [toStage(200, 100)]);
    expect(editor.draft?.kind).toBe('paint');
    expect(editor.input.cursor).toBe('none'); // the ring replaces the system cursor
    editor.pointerUp(1);
    expect(editor.draft).toBeNull();
    expect(editor.document!.undoDepth).toBe(1);
    expect(alphaAt(150, 100)).toBe(0);
  });

  it('the pen eraser end (button 5) erases with the brush chosen', () => {
    const { editor, drag, alphaAt } = createHarness();
    drag([100, 100], [300, 100]);
    drag([180, 100], [220, 100], { button: 5, pointerType: 'pen', pressure: 1 });
    expect(alphaAt(200, 100)).toBe(255);
    expect(alphaAt(120, 100)).toBe(0);
    expect(editor.getSnapshot().tool).toBe('brush');
  });
});

describe('ShapeTool (rectangle, ellipse)', () => {
  it('a click without a drag makes nothing and leaves the editor idle; Shift squares the drag', () => {
    const { editor, down, toStage, alphaAt, key } = createHarness();
    key('m');
    expect(down(100, 100)).toBe(true);
    editor.pointerUp(1);
    expect(editor.document!.undoDepth).toBe(0);
    expect(editor.getSnapshot().interaction).toBe('idle');
    down(100, 100);
    editor.pointerMove(1, [toStage(200, 140)], { shiftKey: true });
    expect(editor.shapeDraft?.points).toEqual([100, 100, 200, 200]);
    editor.pointerUp(1);
    expect(alphaAt(150, 190)).toBe(0);
  });

  it('choosing another tool drops a keyboard-placed shape', () => {
    const { editor, key } = createHarness();
    key('m');
    expect(editor.keyboardEnter()).toBe(true);
    expect(editor.placingShape).toBe(true);
    key('b');
    expect(editor.placingShape).toBe(false);
    expect(editor.getSnapshot().interaction).toBe('idle');
  });
});

describe('LassoTool', () => {
  it('a lost pointer drops the trace; only its own pointer moves it', () => {
    const { editor, toStage } = createHarness();
    editor.setTool('lasso');
    editor.pointerDown({ pointerId: 3, button: 0, ...toStage(100, 100) });
    editor.pointerMove(4, [toStage(300, 300)]);
    expect(editor.shapeDraft?.points).toEqual([100, 100]);
    editor.pointerMove(3, [toStage(300, 100), toStage(300, 300)]);
    editor.pointerCancel(3);
    editor.pointerUp(3);
    expect(editor.document!.undoDepth).toBe(0);
    expect(editor.shapeDraft).toBeNull();
  });
});

describe('PolygonTool', () => {
  it('never holds the pointer; the closing line follows the hover; Esc drops it', () => {
    const { editor, down, toStage } = createHarness();
    editor.setTool('polygon');
    expect(down(100, 100)).toBe(false);
    editor.pointerUp(1);
    editor.pointerMove(1, [toStage(250, 120)]);
    expect(editor.shapeDraft).toMatchObject({ open: true, points: [100, 100, 250, 120] });
    editor.cancelInteraction();
    expect(editor.shapeDraft).toBeNull();
    expect(editor.document!.undoDepth).toBe(0);
  });
});

describe('FillTool', () => {
  it('one click fills the empty mask (add) and the right button subtracts again; it never holds the pointer', () => {
    const { editor, down, alphaAt } = createHarness();
    editor.setTool('fill');
    expect(down(300, 200)).toBe(false);
    expect(alphaAt(10, 10)).toBe(0);
    expect(down(300, 200, { button: 2 })).toBe(false);
    expect(alphaAt(10, 10)).toBe(255);
    expect(editor.document!.undoDepth).toBe(2);
    expect(editor.input.cursor).toBe('crosshair');
  });
});

describe('PanTool', () => {
  it('the middle button pans whatever tool is chosen, and is never recorded', () => {
    const { editor, toStage } = createHarness();
    editor.setTool('rectangle');
    const before = editor.camera;
    const from = toStage(300, 200);
    expect(editor.pointerDown({ pointerId: 1, button: 1, ...from })).toBe(true);
    expect(editor.getSnapshot().interaction).toBe('panning');
    editor.pointerMove(1, [{ x: from.x + 30, y: from.y - 10 }]);
    editor.pointerUp(1);
    expect(editor.camera).toEqual({ ...before, x: before.x + 30, y: before.y - 10 });
    expect(editor.getSnapshot()).toMatchObject({ interaction: 'idle', isFitted: false, canUndo: false });
  });

  it('Space turns the cursor into a grab hand', () => {
    const { editor, toStage } = createHarness();
    editor.pointerMove(1, [toStage(300, 200)]);
    editor.setPanMode(true);
    expect(editor.input.cursor).toBe('grab');
  });
});

describe('FrameTool (expand frame handles, Move original)', () => {
  const START = frameForRatio({ width: 600, height: 400 }, '16:9', CENTRE);

  it('a handle under the pointer wins over the chosen tool and says its direction in the cursor', () => {
    const { editor, toStage, committed } = createHarness({ frame: START });
    editor.setTool('lasso');
    const handle = toStage(655, 200);
    editor.pointerMove(1, [handle]);
    expect(editor.input.cursor).toBe('ew-resize');
    expect(editor.pointerDown({ pointerId: 1, button: 0, ...handle })).toBe(true);
    expect(editor.getSnapshot().interaction).toBe('framing');
    editor.pointerMove(1, [{ x: handle.x + 50, y: handle.y }]);
    editor.pointerUp(1);
    expect(committed).toHaveLength(1);
    expect(editor.shapeDraft).toBeNull();
  });

  it('the right button on a handle does not drag it', () => {
    const { editor, toStage } = createHarness({ frame: START });
    expect(editor.pointerDown({ pointerId: 1, button: 2, ...toStage(655, 200) })).toBe(true); // erases instead
    expect(editor.getSnapshot().interaction).toBe('drawing');
  });
});
