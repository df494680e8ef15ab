import { describe, expect, it } from 'vitest';
import { OVERLAY_RGB, writeOverlayPixels } from './overlay';

describe('writeOverlayPixels', () => {
  it('colours repaint pixels with alpha 255 − mask alpha and leaves kept pixels transparent', () => {
    const out = new Uint8ClampedArray(12);
    writeOverlayPixels(Uint8Array.from([255, 0, 200]), out);
    expect(Array.from(out.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(out.slice(4, 8))).toEqual([...OVERLAY_RGB, 255]);
    expect(out[11]).toBe(55);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => writeOverlayPixels(new Uint8Array(2), new Uint8ClampedArray(4))).toThrow(RangeError);
  });
});
