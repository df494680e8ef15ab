import { describe, expect, it } from 'vitest';
import {
  ASPECT_RATIOS,
  DEFAULT_OPTIONS,
  FOUR_K_RATIOS,
  generationOptionsSchema,
  isFourKAllowed,
  nearestRatio,
  outputSize,
  RESOLUTIONS,
} from './options';

describe('outputSize', () => {
  it('gives the documented pixel sizes', () => {
    expect(outputSize('16:9', '2k')).toEqual({ width: 2048, height: 1152 });
    expect(outputSize('21:9', '4k')).toEqual({ width: 3840, height: 1648 });
    expect(outputSize('3:2', '2k')).toEqual({ width: 2048, height: 1360 });
    expect(outputSize('1:1', '4k')).toBeNull();
  });

  it('has a size for every ratio at 1k and 2k, and at 4k exactly for the six 4k ratios', () => {
    for (const ratio of ASPECT_RATIOS.filter((r) => r !== 'auto')) {
      for (const resolution of RESOLUTIONS) {
        const size = outputSize(ratio, resolution);
        expect(size !== null, `${ratio} ${resolution}`).toBe(resolution !== '4k' || FOUR_K_RATIOS.includes(ratio));
        if (size) {
          const [w, h] = ratio.split(':').map(Number) as [number, number];
          expect(Math.abs(size.width / size.height - w / h)).toBeLessThan(0.03);
        }
      }
    }
  });

  it('follows the base image for auto, and is square without one', () => {
    expect(outputSize('auto', '1k', { width: 600, height: 400 })).toEqual({ width: 1536, height: 1024 });
    expect(outputSize('auto', '1k', { width: 320, height: 427 })).toEqual({ width: 768, height: 1024 });
    expect(outputSize('auto', '1k')).toEqual({ width: 1024, height: 1024 });
  });
});

describe('nearestRatio', () => {
  it('picks the closest shape, symmetric for portrait and landscape', () => {
    expect(nearestRatio(1920, 1080)).toBe('16:9');
    expect(nearestRatio(1080, 1920)).toBe('9:16');
    expect(nearestRatio(600, 400, FOUR_K_RATIOS)).toBe('16:9');
  });
});

describe('generationOptionsSchema', () => {
  it('accepts the defaults and refuses 4k with a ratio that has no 4k', () => {
    expect(generationOptionsSchema.safeParse(DEFAULT_OPTIONS).success).toBe(true);
    expect(isFourKAllowed('auto')).toBe(false);
    const bad = generationOptionsSchema.safeParse({ ...DEFAULT_OPTIONS, size: '1:1', resolution: '4k' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['resolution']);
    expect(generationOptionsSchema.safeParse({ ...DEFAULT_OPTIONS, size: '9:21', resolution: '4k' }).success).toBe(
      true,
    );
  });

  it('refuses n outside 1–10 and non-integers', () => {
    for (const n of [0, 11, 2.5])
      expect(generationOptionsSchema.safeParse({ ...DEFAULT_OPTIONS, n }).success).toBe(false);
  });
});
