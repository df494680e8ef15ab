import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AssetRow } from '../storage/schema';
import { prepareMask, prepareReference } from './prepare-inputs';

const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });

function asset(partial: Partial<AssetRow>): AssetRow {
  return {
    id: 'a',
    kind: 'reference',
    sha256: 'x',
    mime: 'image/png',
    bytes: 0,
    width: 0,
    height: 0,
    orientation: 1,
    filename: 'photo.png',
    thumbSha256: null,
    smallThumbSha256: null,
    createdBy: null,
    createdAt: new Date(),
    ...partial,
  };
}

describe('what is sent upstream for a reference', () => {
  it('sends the original when it fits and is upright', async () => {
    const png = new Uint8Array(await noise(64, 48).png().toBuffer());
    const sent = await prepareReference(asset({ width: 64, height: 48, bytes: png.byteLength }), png);
    expect(sent.bytes).toBe(png);
    expect([sent.width, sent.height, sent.contentType]).toEqual([64, 48, 'image/png']);
  });

  it('re-encodes an oversized PNG as a JPEG of the same pixel size when that fits', async () => {
    const png = new Uint8Array(await noise(400, 300).png().toBuffer());
    const limit = Math.round(png.byteLength * 0.9); // the PNG is just over the limit; a JPEG of noise is smaller
    const sent = await prepareReference(asset({ width: 400, height: 300 }), png, limit);
    expect(sent.bytes.byteLength).toBeLessThanOrEqual(limit);
    expect(sent.contentType).toBe('image/jpeg');
    expect(sent.filename).toBe('photo.jpg');
    const meta = await sharp(sent.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([400, 300]);
  });

  it('scales down only as far as the limit needs, keeping the ratio; the mask follows losslessly', async () => {
    const png = new Uint8Array(await noise(400, 300).png().toBuffer());
    const limit = 60_000;
    const sent = await prepareReference(asset({ width: 400, height: 300 }), png, limit);
    expect(sent.bytes.byteLength).toBeLessThanOrEqual(limit);
    expect(sent.width).toBeLessThan(400);
    expect(sent.width / sent.height).toBeCloseTo(4 / 3, 1);

    // Alpha 0 (repaint) in the top-left 100 × 100, 255 elsewhere.
    const rgba = Buffer.alloc(400 * 300 * 4, 255);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) rgba[(y * 400 + x) * 4 + 3] = 0;
    const maskPng = await sharp(rgba, { raw: { width: 400, height: 300, channels: 4 } })
      .png()
      .toBuffer();
    const mask = await prepareMask(asset({ kind: 'mask', width: 400, height: 300 }), new Uint8Array(maskPng), sent);
    const meta = await sharp(mask.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', sent.width, sent.height, true]);
    const alpha = await sharp(mask.bytes).extractChannel(3).raw().toBuffer();
    expect(new Set(alpha)).toEqual(new Set([0, 255])); // still a hard mask: nothing blurred into half-alpha
  });

  it('sends the mask byte for byte when the base went as it was', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const mask = await prepareMask(asset({ kind: 'mask', width: 10, height: 10 }), bytes, { width: 10, height: 10 });
    expect(mask.bytes).toBe(bytes);
  });
});
