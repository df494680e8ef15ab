import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { maskCommands, runMaskCommand } from './commands';
import { defaultBrushSize, MaskEditorCore } from './editor-core';
import { createHarness } from './testing/harness';

describe('MaskEditorCore', () => {
  it('starts empty with the brush tool and a brush sized to the image', () => {
    const { editor } = createHarness();
    const s = editor.getSnapshot();
    expect(s.tool).toBe('brush');
    expect(s.brushSize).toBe(24);
    expect([s.maskWidth, s.maskHeight]).toEqual([600, 400]);
    expect([s.canUndo, s.canRedo, s.hasMask]).toEqual([false, false, false]);
    expect(defaultBrushSize({ width: 100, height: 90 })).toBe(8);
  });

  it('a mouse drag across the centre paints alpha 0 along the stroke, committed once', async () => {
    const { editor, drag, alphaAt } = createHarness();
    let notifications = 0;
    editor.subscribe(() => notifications++);
    drag([150, 200], [450, 200], { steps: 30 });
    expect(editor.document!.undoDepth).toBe(1);
    expect(notifications).toBeLessThanOrEqual(3); // down (drawing), up (committed) — never per move
    for (let x = 150; x <= 450; x += 25) expect(alphaAt(x, 200)).toBe(0);
    expect(alphaAt(300, 300)).toBe(255);
    expect(editor.getSnapshot().hasMask).toBe(true);

    const blob = await editor.exportMaskPng();
    expect(blob?.type).toBe('image/png');
    const png = decode(new Uint8Array(await blob!.arrayBuffer()));
    expect([png.width, png.height, png.channels]).toEqual([600, 400, 4]);
    expect(png.data[(200 * 600 + 300) * 4 + 3]).toBe(0);
    expect(png.data[(10 * 600 + 10) * 4 + 3]).toBe(255);
  });

  it('exports nothing until something is painted', async () => {
    const { editor } = createHarness();
    expect(editor.hasMask()).toBe(false);
    expect(await editor.exportMaskPng()).toBeNull();
    expect(await new MaskEditorCore().exportMaskPng()).toBeNull();
  });

  it('draws nothing into the mask until pointer-up, and Esc drops the stroke', () => {
    const { editor, toStage, alphaAt } = createHarness();
    editor.pointerDown({ pointerId: 7, button: 0, ...toStage(100, 100) });
    editor.pointerMove(7, [toStage(200, 100)]);
    expect(editor.getSnapshot().interaction).toBe('drawing');
    expect(editor.draft?.points.length).toBeGreaterThanOrEqual(4);
    expect(alphaAt(150, 100)).toBe(255);
    runMaskCommand(editor, 'cancel');
    editor.pointerUp(7);
    expect(editor.getSnapshot().interaction).toBe('idle');
    expect(editor.document!.canUndo).toBe(false);
  });

  it('pointercancel discards the stroke; other pointers cannot join it', () => {
    const { editor, toStage } = createHarness();
    expect(editor.pointerDown({ pointerId: 1, button: 0, ...toStage(100, 100) })).toBe(true);
    expect(editor.pointerDown({ pointerId: 2, button: 0, ...toStage(300, 300) })).toBe(false);
    editor.pointerMove(2, [toStage(310, 300)]);
    editor.pointerUp(2);
    expect(editor.document!.canUndo).toBe(false);
    editor.pointerCancel(1);
    editor.pointerUp(1);
    expect(editor.document!.canUndo).toBe(false);
  });

  it('the eraser tool (and the right button) restore painted pixels', () => {
    const { editor, drag, alphaAt } = createHarness();
    drag([100, 200], [500, 200]);
    runMaskCommand(editor, 'eraser');
    expect(editor.getSnapshot().tool).toBe('eraser');
    runMaskCommand(editor, 'brush-larger');
    drag([280, 200], [320, 200]);
    expect(alphaAt(300, 200)).toBe(255);
    expect(alphaAt(150, 200)).toBe(0);
    runMaskCommand(editor, 'brush');
    drag([140, 200], [160, 200], { button: 2 });
    expect(alphaAt(150, 200)).toBe(255);
  });

  it('undo / redo / invert / clear are one history entry each and update the snapshot', () => {
    const { editor, drag, alphaAt } = createHarness();
    drag([100, 100], [200, 100]);
    runMaskCommand(editor, 'invert');
    expect(alphaAt(150, 100)).toBe(255);
    expect(alphaAt(500, 300)).toBe(0);
    runMaskCommand(editor, 'clear');
    expect(editor.getSnapshot().hasMask).toBe(false);
    expect(runMaskCommand(editor, 'clear')).toBe(false); // disabled on an empty mask
    expect(editor.document!.undoDepth).toBe(3);

    runMaskCommand(editor, 'undo');
    expect(alphaAt(500, 300)).toBe(0);
    runMaskCommand(editor, 'undo');
    runMaskCommand(editor, 'undo');
    expect(editor.getSnapshot()).toMatchObject({ canUndo: false, canRedo: true, hasMask: false });
    expect(runMaskCommand(editor, 'undo')).toBe(false);
    runMaskCommand(editor, 'redo');
    expect(alphaAt(150, 100)).toBe(0);
  });

  it('zooming and panning are never recorded, and strokes land where the pointer is', () => {
    const { editor, drag, alphaAt } = createHarness();
    editor.zoomBy(2, { x: 400, y: 300 });
    expect(editor.getSnapshot()).toMatchObject({ zoom: editor.camera.scale, isFitted: false });
    editor.setPanMode(true);
    drag([0, 0], [50, 50]); // pans, does not paint
    editor.setPanMode(false);
    expect(editor.document!.canUndo).toBe(false);
    drag([250, 150], [260, 150]);
    expect(alphaAt(255, 150)).toBe(0);
    runMaskCommand(editor, 'zoom-fit');
    expect(editor.getSnapshot().isFitted).toBe(true);
  });

  it('a new base keeps (same size) or rescales (other size) the mask, says which, and always has the base size', () => {
    const { editor, drag } = createHarness();
    drag([100, 100], [200, 100]);
    expect(editor.setBase({ url: 'blob:base', width: 600, height: 400 })).toBe(false);
    expect(editor.hasMask()).toBe(true);
    editor.setBase({ url: 'blob:same-size', width: 600, height: 400 });
    expect(editor.getSnapshot().baseNote).toMatch(/^Mask kept/);
    expect(editor.document!.alpha()[100 * 600 + 150]).toBe(0);
    expect(editor.getSnapshot().canUndo).toBe(false); // the carried mask is not an undo step
    editor.setBase({ url: 'blob:double', width: 1200, height: 800 });
    expect(editor.getSnapshot()).toMatchObject({ maskWidth: 1200, maskHeight: 800, hasMask: true });
    expect(editor.getSnapshot().baseNote).toBe('Mask rescaled from 600 × 400 to 1200 × 800 to fit the new base.');
    expect(editor.document!.alpha()[200 * 1200 + 300]).toBe(0);
    editor.setBase({ url: 'blob:portrait', width: 320, height: 427 });
    expect(editor.getSnapshot().baseNote).toMatch(/shape differs/);
    expect(editor.document!.alpha()).toHaveLength(320 * 427);
    editor.clear();
    editor.setBase({ url: 'blob:other', width: 100, height: 100 });
    expect(editor.getSnapshot()).toMatchObject({ hasMask: false, baseNote: null });
    editor.setBase(null);
    expect(editor.getSnapshot()).toMatchObject({ base: null, maskWidth: 0, canUndo: false });
    expect(() => editor.setBase({ url: 'x', width: 0, height: 5 })).toThrow(RangeError);
  });

  it('keeps the snapshot object stable when nothing it shows has changed', () => {
    const { editor, toStage } = createHarness();
    const before = editor.getSnapshot();
    editor.pointerMove(99, [toStage(10, 10)]); // hover only
    editor.setTool('brush');
    expect(editor.getSnapshot()).toBe(before);
    editor.setBrushSize(10_000);
    expect(editor.getSnapshot().brushSize).toBe(before.maxBrushSize);
  });

  it('every registry command has a label and a shortcut, and names are unique', () => {
    const names = new Set(maskCommands.map((c) => c.name));
    expect(names.size).toBe(maskCommands.length);
    for (const command of maskCommands) {
      expect(command.label.length).toBeGreaterThan(0);
      expect(command.shortcut).toBeTruthy();
    }
  });
});
