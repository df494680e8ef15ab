import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { rasterizeMask } from '@/lib/mask/rasterize';
import { MaskEditorCore } from './editor-core';
import { createHarness } from './testing/harness';

describe('mask tools through pointer input', () => {
  it('M then a drag adds a rectangle as one history entry; Alt-drag subtracts', () => {
    const { editor, drag, alphaAt, key } = createHarness();
    key('m');
    expect(editor.getSnapshot().tool).toBe('rectangle');
    drag([100, 100], [300, 200]);
    expect(editor.document!.undoDepth).toBe(1);
    expect(alphaAt(200, 150)).toBe(0);
    expect(alphaAt(310, 150)).toBe(255);
    drag([150, 120], [250, 180], { altKey: true });
    expect(alphaAt(200, 150)).toBe(255);
    expect(alphaAt(120, 150)).toBe(0);
  });

  it('Shift+M ellipse; X swaps it to subtract', () => {
    const { editor, drag, alphaAt, key } = createHarness();
    key('M', { shiftKey: true });
    drag([100, 100], [300, 300]);
    expect(alphaAt(200, 200)).toBe(0);
    expect(alphaAt(105, 105)).toBe(255); // the corner lies outside the ellipse
    key('x');
    expect(editor.getSnapshot().shapeMode).toBe('subtract');
    drag([180, 180], [220, 220]);
    expect(alphaAt(200, 200)).toBe(255);
  });

  it('L freehand lasso fills the traced outline on release; Esc drops it', () => {
    const { editor, alphaAt, toStage, key } = createHarness();
    key('l');
    const trace = (points: [number, number][]) => {
      editor.pointerDown({ pointerId: 1, button: 0, ...toStage(...points[0]!) });
      editor.pointerMove(
        1,
        points.slice(1).map((p) => toStage(...p)),
      );
    };
    trace([
      [100, 100],
      [300, 100],
      [300, 300],
      [100, 300],
    ]);
    expect(editor.getSnapshot().interaction).toBe('shaping');
    editor.cancelInteraction();
    editor.pointerUp(1);
    expect(editor.document!.undoDepth).toBe(0);
    trace([
      [100, 100],
      [300, 100],
      [300, 300],
      [100, 300],
    ]);
    editor.pointerUp(1);
    expect(alphaAt(200, 200)).toBe(0);
    expect(editor.document!.undoDepth).toBe(1);
  });

  it('Shift+L polygon lasso: clicks add vertices, a click on the first vertex closes it', () => {
    const { editor, down, alphaAt, key } = createHarness();
    key('L', { shiftKey: true });
    for (const [x, y] of [
      [100, 100],
      [300, 100],
      [300, 300],
    ] as const) {
      down(x, y);
      editor.pointerUp(1);
    }
    expect(editor.document!.undoDepth).toBe(0);
    down(101, 101);
    editor.pointerUp(1);
    expect(editor.document!.undoDepth).toBe(1);
    expect(alphaAt(280, 150)).toBe(0); // inside the triangle
    expect(alphaAt(150, 280)).toBe(255);
  });

  it('polygon lasso closes on Enter or double-click too, and Backspace removes a vertex', () => {
    const { editor, down, alphaAt, key } = createHarness();
    key('L', { shiftKey: true });
    for (const [x, y] of [
      [100, 100],
      [300, 100],
      [500, 380],
      [300, 300],
    ] as const) {
      down(x, y);
      editor.pointerUp(1);
    }
    expect(editor.keyboardBackspace()).toBe(true);
    expect(editor.keyboardEnter()).toBe(true);
    expect(alphaAt(450, 340)).toBe(0);
    down(10, 10);
    down(50, 10);
    down(50, 50); // a double-click is a click (adds the vertex) then a second one with detail 2
    down(50, 50, { detail: 2 });
    expect(editor.document!.undoDepth).toBe(2);
  });

  it('G fill fills the enclosed hole of a painted ring with one click', () => {
    const { editor, drag, down, alphaAt, key } = createHarness();
    key('m');
    drag([100, 100], [300, 300]);
    key('x');
    drag([150, 150], [250, 250]);
    expect(alphaAt(200, 200)).toBe(255);
    key('g');
    key('x'); // back to add
    down(200, 200);
    expect(alphaAt(200, 200)).toBe(0);
    expect(alphaAt(50, 50)).toBe(255);
    expect(editor.document!.undoDepth).toBe(3);
  });

  it('Shift-click draws a straight brush line from the last stroke end', () => {
    const { editor, drag, down, alphaAt } = createHarness();
    editor.setBrushSize(10);
    drag([100, 100], [100, 102]);
    down(400, 100, { shiftKey: true });
    expect(editor.document!.undoDepth).toBe(2);
    for (let x = 110; x < 400; x += 40) expect(alphaAt(x, 100)).toBe(0);
    expect(alphaAt(250, 120)).toBe(255);
  });

  it('pen pressure changes the brush width along the stroke', () => {
    const { editor, toStage, alphaAt } = createHarness();
    editor.setBrushSize(40);
    editor.pointerDown({ pointerId: 7, button: 0, pointerType: 'pen', pressure: 0.1, ...toStage(100, 200) });
    editor.pointerMove(7, [{ ...toStage(500, 200), pressure: 1 }]);
    editor.pointerUp(7);
    expect(alphaAt(110, 212)).toBe(255); // light pressure: thin
    expect(alphaAt(490, 212)).toBe(0); // full pressure: 40 px wide
  });

  it('grow, shrink and feather are commands with the N px setting', () => {
    const { editor, drag, alphaAt, key } = createHarness();
    key('m');
    drag([200, 100], [300, 200]);
    editor.setAdjustRadius(10);
    key(']', { altKey: true });
    expect(alphaAt(192, 150)).toBe(0);
    key('[', { altKey: true });
    key('[', { altKey: true });
    expect(alphaAt(205, 150)).toBe(255);
    key('f', { altKey: true });
    expect(editor.document!.undoDepth).toBe(5);
    const edge = alphaAt(210, 150);
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(255);
  });
});

describe('touch and palm rejection', () => {
  it('one finger draws; a second finger turns it into pan/zoom and records nothing', () => {
    const { editor, toStage, alphaAt } = createHarness();
    const touch = (id: number, x: number, y: number) =>
      editor.pointerDown({ pointerId: id, button: 0, pointerType: 'touch', ...toStage(x, y) });
    touch(1, 100, 100);
    editor.pointerMove(1, [toStage(200, 100)]);
    editor.pointerUp(1);
    expect(alphaAt(150, 100)).toBe(0);

    const before = editor.camera;
    touch(2, 300, 200);
    editor.pointerMove(2, [toStage(310, 200)]);
    touch(3, 400, 200);
    expect(editor.getSnapshot().interaction).toBe('pinching');
    // Spread the fingers apart: zoom in about their midpoint.
    editor.pointerMove(3, [toStage(500, 200)]);
    editor.pointerUp(2);
    editor.pointerUp(3);
    expect(editor.camera.scale).toBeGreaterThan(before.scale * 1.5);
    expect(editor.document!.undoDepth).toBe(1);
    expect(editor.getSnapshot().interaction).toBe('idle');
  });

  it('touches are ignored while a pen is down and just after it lifts', () => {
    const { editor, toStage } = createHarness();
    let now = 1000;
    editor.now = () => now;
    editor.pointerDown({ pointerId: 5, button: 0, pointerType: 'pen', pressure: 0.5, ...toStage(100, 100) });
    expect(editor.pointerDown({ pointerId: 6, button: 0, pointerType: 'touch', ...toStage(300, 300) })).toBe(false);
    editor.pointerMove(5, [{ ...toStage(200, 100), pressure: 0.5 }]);
    editor.pointerUp(5);
    now += 100;
    expect(editor.pointerDown({ pointerId: 8, button: 0, pointerType: 'touch', ...toStage(300, 300) })).toBe(false);
    now += 1000;
    expect(editor.pointerDown({ pointerId: 9, button: 0, pointerType: 'touch', ...toStage(300, 300) })).toBe(true);
    expect(editor.document!.undoDepth).toBe(1);
  });
});

describe('keyboard-only rectangle, shortcuts and change notifications', () => {
  it('Enter places a rectangle, arrows move it, Alt+arrows size it, Enter commits', () => {
    const { editor, alphaAt, key } = createHarness();
    key('m');
    expect(editor.keyboardEnter()).toBe(true); // 100 × 100 centred at (300, 200)
    expect(editor.getSnapshot().interaction).toBe('shaping');
    editor.keyboardNudge(-100, 0, false);
    editor.keyboardNudge(50, 20, true);
    editor.keyboardEnter();
    expect(editor.document!.undoDepth).toBe(1);
    // 100 × 100 at (250, 150), moved left by 100 and grown by 50 × 20: [150, 300) × [150, 270).
    expect(alphaAt(155, 155)).toBe(0);
    expect(alphaAt(295, 265)).toBe(0);
    expect(alphaAt(305, 200)).toBe(255);
    expect(alphaAt(200, 275)).toBe(255);
  });

  it('Mod+1 zooms to 100 %, Mod+0 fits, ? toggles the shortcut sheet', () => {
    const { editor, key } = createHarness();
    key('1', { ctrlKey: true });
    expect(editor.getSnapshot().zoom).toBe(1);
    key('0', { metaKey: true });
    expect(editor.getSnapshot().isFitted).toBe(true);
    key('?', { shiftKey: true });
    expect(editor.getSnapshot().shortcutSheet).toBe(true);
  });

  it('onMaskChange fires once per committed change, never for moves, zoom or tools', () => {
    const { editor, drag, key } = createHarness();
    let changes = 0;
    editor.onMaskChange(() => changes++);
    drag([100, 100], [200, 100]);
    expect(changes).toBe(1);
    key('m');
    editor.zoomBy(2);
    expect(changes).toBe(1);
    editor.undo();
    editor.redo();
    editor.invert();
    expect(changes).toBe(4);
  });

  it('loadMaskPng imports a PNG as one undoable step and refuses a wrong size with a sentence', () => {
    const { editor, alphaAt } = createHarness({ width: 60, height: 40 });
    const png = (w: number, h: number) => {
      const data = new Uint8Array(w * h * 4);
      for (let i = 0; i < w * h; i++) data[i * 4 + 3] = i < w ? 0 : 255;
      return encode({ width: w, height: h, data, channels: 4, depth: 8 });
    };
    expect(() => editor.loadMaskPng(png(40, 60))).toThrow(/mask is 40 × 60 px but the base image is 60 × 40 px.*EXIF/);
    expect(editor.document!.undoDepth).toBe(0);
    editor.loadMaskPng(png(60, 40), 'Imported m.png');
    expect(alphaAt(5, 0)).toBe(0);
    expect(alphaAt(5, 5)).toBe(255);
    expect(editor.getSnapshot().notice).toBe('Imported m.png');
    editor.undo();
    expect(alphaAt(5, 0)).toBe(255);
  });
});

describe('strokes rasterised while drawn', () => {
  it('commit the same pixels as replaying the strokes from their points (mouse, soft, pen, erase, cancelled)', () => {
    const { editor, toStage } = createHarness();
    const stroke = (points: [number, number][], extra: Record<string, unknown> = {}, pressures?: number[]) => {
      const at = (i: number) => ({ ...toStage(...points[i]!), pressure: pressures?.[i] });
      editor.pointerDown({ pointerId: 7, button: 0, ...at(0), ...extra });
      for (let i = 1; i < points.length; i++) editor.pointerMove(7, [at(i)]);
    };
    const wave = (y: number) =>
      Array.from({ length: 12 }, (_, i): [number, number] => [40 + i * 45, y + Math.sin(i) * 30]);

    stroke(wave(80));
    editor.pointerUp(7);
    editor.setBrushHardness(0.2);
    editor.setBrushSize(60);
    stroke(wave(200));
    editor.pointerUp(7);
    // A pen: pressure changes the size per point; 0 is clamped the way the model keeps it.
    stroke(wave(300), { pointerType: 'pen', pressure: 0.5 }, [0.5, 0, 0.2, 1, 0.7, 0.3, 0.9, 0.1, 0.6, 0.4, 1, 0.8]);
    editor.pointerUp(7);
    // Cancelled mid-stroke: nothing of it may leak into the next stroke.
    stroke(wave(150));
    editor.cancelInteraction();
    stroke(wave(120), { button: 2 }); // right button erases
    editor.pointerUp(7);

    const doc = editor.document!;
    expect(doc.undoDepth).toBe(4);
    const replayed = rasterizeMask(doc);
    const live = doc.alpha();
    let differing = 0;
    for (let i = 0; i < live.length; i++) if (live[i] !== replayed[i]) differing++;
    expect(differing).toBe(0);
    expect(live.some((a) => a > 0 && a < 255)).toBe(true); // the soft stroke left its ramp
  });
});

describe('the live-stroke buffer across bases', () => {
  it('a stroke on a new base of another size commits exactly its own pixels', () => {
    const editor = new MaskEditorCore();
    editor.setViewport({ width: 800, height: 600 });
    const drawAcross = () => {
      const { scale, x, y } = editor.camera;
      const at = (ix: number, iy: number) => ({ x: ix * scale + x, y: iy * scale + y });
      editor.pointerDown({ pointerId: 1, button: 0, ...at(20, 50) });
      for (let i = 1; i <= 10; i++) editor.pointerMove(1, [at(20 + i * 25, 50 + i * 5)]);
      editor.pointerUp(1);
    };
    editor.setBase({ url: 'blob:first', width: 600, height: 400 });
    drawAcross();
    for (const [url, width, height] of [
      ['blob:second', 300, 200],
      ['blob:third', 300, 200],
    ] as const) {
      editor.setBase({ url, width, height });
      drawAcross();
      const doc = editor.document!;
      const replayed = rasterizeMask(doc);
      expect(doc.width).toBe(width);
      expect(doc.alpha().every((a, i) => a === replayed[i])).toBe(true);
    }
  });
});
