import { describe, expect, it } from 'vitest';
import type { RawImage } from './raw-image';
import { compositeInto, holeBox } from './region';

describe('compositeInto', () => {
  it('keeps alpha 255 exactly, replaces alpha 0, and blends soft alpha as a weight', () => {
    const out: RawImage = {
      data: Buffer.from([200, 100, 0, 200, 100, 0, 200, 100, 0]),
      width: 3,
      height: 1,
      channels: 3,
    };
    const alpha: RawImage = { data: Buffer.from([255, 0, 64]), width: 3, height: 1, channels: 1 };
    const filled: RawImage = {
      data: Buffer.from([1, 2, 3, 10, 20, 30, 0, 255, 100]),
      width: 3,
      height: 1,
      channels: 3,
    };
    compositeInto(out, filled, alpha, { x: 0, y: 0, width: 3, height: 1 });
    expect([...out.data]).toEqual([
      200,
      100,
      0,
      10,
      20,
      30,
      Math.round((200 * 64) / 255),
      Math.round((100 * 64 + 255 * 191) / 255),
      Math.round((100 * 191) / 255),
    ]);
  });

  it('finds the hole box with a margin, clipped to the image', () => {
    const alpha: RawImage = { data: Buffer.alloc(100, 255), width: 10, height: 10, channels: 1 };
    alpha.data[3 * 10 + 4] = 0;
    alpha.data[5 * 10 + 6] = 128;
    expect(holeBox(alpha, 2)).toEqual({ box: { x: 2, y: 1, width: 7, height: 7 }, holes: 2 });
    expect(holeBox(alpha, 20)).toEqual({ box: { x: 0, y: 0, width: 10, height: 10 }, holes: 2 });
    expect(holeBox({ ...alpha, data: Buffer.alloc(100, 255) }, 2)).toBeNull();
  });
});
