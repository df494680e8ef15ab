import { describe, expect, it } from 'vitest';
import { proxySize, writeOverlay } from './overlay';

const style = { color: '#d946ef', pattern: 'solid' } as const;

describe('writeOverlay', () => {
  it('colours repaint pixels with alpha 255 − mask alpha and leaves kept pixels transparent', () => {
    const data = new Uint8ClampedArray(12);
    writeOverlay(Uint8Array.from([255, 0, 200]), 3, 1, { data, width: 3, height: 1 }, style);
    expect(Array.from(data.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(data.slice(4, 8))).toEqual([217, 70, 239, 255]);
    expect(data[11]).toBe(55);
  });

  it('uses the chosen colour and a stripe pattern that dims the gaps', () => {
    const alpha = new Uint8Array(16 * 16); // all repaint
    const data = new Uint8ClampedArray(16 * 16 * 4);
    writeOverlay(alpha, 16, 16, { data, width: 16, height: 16 }, { color: '#22d3ee', pattern: 'stripes' });
    expect(Array.from(data.slice(0, 4))).toEqual([0x22, 0xd3, 0xee, 255]); // on a stripe
    expect(data[(0 * 16 + 5) * 4 + 3]).toBe(77); // between stripes: 30 %
  });

  it('writes a downscaled proxy and only the dirty rectangle', () => {
    const alpha = new Uint8Array(8 * 8).fill(255);
    alpha[7 * 8 + 7] = 0;
    const data = new Uint8ClampedArray(4 * 4 * 4).fill(9);
    writeOverlay(alpha, 8, 8, { data, width: 4, height: 4 }, style, { x0: 6, y0: 6, x1: 8, y1: 8 });
    expect(data[(3 * 4 + 3) * 4 + 3]).toBe(255);
    expect(data[3]).toBe(9); // outside the rect: untouched
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() =>
      writeOverlay(new Uint8Array(2), 2, 1, { data: new Uint8ClampedArray(4), width: 2, height: 1 }, style),
    ).toThrow(RangeError);
  });

  it('proxies cap the longer side and never upscale', () => {
    expect(proxySize(4096, 2048, 2048)).toEqual({ width: 2048, height: 1024 });
    expect(proxySize(600, 400, 2048)).toEqual({ width: 600, height: 400 });
  });
});
