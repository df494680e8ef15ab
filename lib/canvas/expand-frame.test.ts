import { describe, expect, it } from 'vitest';
import { expandFrame } from '@/lib/expand/geometry';
import { MaskEditorCore } from './editor-core';

describe('expand frame in the editor', () => {
  it('fits the expanded canvas into view with the base at its offset, without touching the mask or history', () => {
    const editor = new MaskEditorCore();
    editor.setViewport({ width: 800, height: 600 });
    editor.setBase({ url: 'blob:base', width: 600, height: 400 });
    const before = editor.camera;
    const frame = expandFrame({ width: 600, height: 400 }, '16:9', { x: 0.5, y: 0.5 })!;
    expect(frame).toEqual({ x: -56, y: -0, width: 711, height: 400 });
    editor.setExpandFrame(frame);
    const { scale, x } = editor.camera;
    expect(scale).toBeLessThan(before.scale);
    // The canvas's left edge (image x = -56) lands on the 16 px fit padding; its right edge mirrors it.
    expect(-56 * scale + x).toBeCloseTo(16, 5);
    expect((711 - 56) * scale + x).toBeCloseTo(800 - 16, 5);
    expect(editor.getSnapshot().canUndo).toBe(false);
    editor.setExpandFrame(null);
    expect(editor.camera).toEqual(before);
  });
});
