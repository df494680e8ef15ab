import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sample } from '@/lib/testing/pipeline';
import { restoreImage } from './restore-result';

/** A mask at the given size: keep everything but a rectangle. */
async function rectMask(
  width: number,
  height: number,
  hole: { left: number; top: number; width: number; height: number },
) {
  const alpha = Buffer.alloc(width * height * 4, 0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inHole = x >= hole.left && x < hole.left + hole.width && y >= hole.top && y < hole.top + hole.height;
      alpha[(y * width + x) * 4 + 3] = inHole ? 0 : 255;
    }
  }
  return sharp(alpha, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

describe('restoreImage', () => {
  it('puts back the base as displayed (EXIF orientation applied), not as stored', async () => {
    const stored = sample('portrait-exif-orientation-6.jpg'); // stored 427 × 320, displayed 320 × 427
    const upright = await sharp(stored).rotate().raw().toBuffer({ resolveWithObject: true });
    expect([upright.info.width, upright.info.height]).toEqual([320, 427]);
    const hole = { left: 100, top: 150, width: 120, height: 100 };
    const mask = await rectMask(320, 427, hole);
    // The model: the upright picture, its contrast flattened everywhere, with a flat patch where the mask repaints.
    const output = await sharp(stored)
      .rotate()
      .linear(0.6, 60)
      .composite([
        {
          input: { create: { width: hole.width, height: hole.height, channels: 3, background: '#00ff00' } },
          left: hole.left,
          top: hole.top,
        },
      ])
      .png()
      .toBuffer();

    const outcome = await restoreImage({ base: stored, mask, output, restore: true });
    expect(outcome.state).toBe('restored');
    expect(outcome.drift!.changedShare).toBeGreaterThan(0.3);
    const restored = await sharp(outcome.bytes!).raw().toBuffer({ resolveWithObject: true });
    expect([restored.info.width, restored.info.height]).toEqual([320, 427]);
    const channels = upright.info.channels;
    let different = 0;
    let compared = 0;
    const margin = 12; // beyond the feather band (¾ % of 320 is 2 px) and the colour grid
    for (let y = 0; y < 427; y++) {
      for (let x = 0; x < 320; x++) {
        const nearHole =
          x >= hole.left - margin &&
          x < hole.left + hole.width + margin &&
          y >= hole.top - margin &&
          y < hole.top + hole.height + margin;
        if (nearHole) continue;
        compared++;
        for (let k = 0; k < 3; k++) {
          if (restored.data[(y * 320 + x) * restored.info.channels + k] !== upright.data[(y * 320 + x) * channels + k])
            different++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    expect(different).toBe(0);
  });

  it('refuses a result of another ratio, saying why, and keeps nothing half-made', async () => {
    const base = sample('coffee.png'); // 600 × 400
    const mask = await rectMask(600, 400, { left: 200, top: 100, width: 100, height: 100 });
    const output = await sharp(base).resize(512, 512, { fit: 'cover' }).png().toBuffer();
    const outcome = await restoreImage({ base, mask, output, restore: true });
    expect(outcome.state).toBe('as_generated');
    expect(outcome.reason).toBe(
      "the result is 512 × 512, another ratio than the base (600 × 400), and the base can't be restored at another ratio",
    );
    expect(outcome.bytes).toBeUndefined();
  });
});
