import { decode } from 'fast-png';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeMaskPngStream } from './png-stream';

describe('encodeMaskPngStream', () => {
  it('writes an RGBA PNG of the mask size that fast-png and sharp read back exactly', async () => {
    const width = 37;
    const height = 23;
    const alpha = new Uint8Array(width * height).map((_, i) => (i * 7) % 256);
    const png = await encodeMaskPngStream(width, height, alpha);
    const decoded = decode(png); // checks every CRC
    expect([decoded.width, decoded.height, decoded.channels, decoded.depth]).toEqual([width, height, 4, 8]);
    for (let i = 0; i < alpha.length; i++) {
      expect(decoded.data[i * 4 + 3]).toBe(alpha[i]);
      expect(decoded.data[i * 4]).toBe(0);
    }
    const viaSharp = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(viaSharp.info.channels).toBe(4);
    expect(viaSharp.data[5 * 4 + 3]).toBe(alpha[5]);
  });

  it('refuses an alpha buffer of the wrong size', async () => {
    await expect(encodeMaskPngStream(2, 2, new Uint8Array(3))).rejects.toThrow(RangeError);
  });
});
