import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, generationOptionsSchema } from './options';
import { START_POINTS, START_POINT_INFO, startPointOptions } from './start-points';

describe('startPointOptions', () => {
  it('sets style transfer to 4k, high quality and the 4k ratio nearest the base', () => {
    expect(startPointOptions('style', DEFAULT_OPTIONS, { width: 600, height: 400 })).toMatchObject({
      size: '16:9',
      resolution: '4k',
      quality: 'high',
    });
    expect(startPointOptions('style', DEFAULT_OPTIONS, { width: 400, height: 600 }).size).toBe('9:16');
    expect(startPointOptions('style', DEFAULT_OPTIONS, { width: 3000, height: 1000 }).size).toBe('21:9');
    expect(startPointOptions('style', DEFAULT_OPTIONS, { width: 1000, height: 1000 }).size).toMatch(/^(16:9|9:16)$/);
    expect(startPointOptions('style', DEFAULT_OPTIONS, null).size).toBe('16:9');
  });

  it('gives blend and inpaint the auto ratio, leaving 4k (impossible with auto) for 2k', () => {
    const fourK = { ...DEFAULT_OPTIONS, size: '16:9' as const, resolution: '4k' as const, n: 3 };
    for (const point of ['blend', 'inpaint'] as const) {
      expect(startPointOptions(point, fourK, null)).toEqual({ ...fourK, size: 'auto', resolution: '2k' });
    }
  });

  it('keeps the user’s count and format, and every result is a valid option set', () => {
    const mine = { ...DEFAULT_OPTIONS, n: 4, outputFormat: 'jpeg' as const };
    for (const point of START_POINTS) {
      const next = startPointOptions(point, mine, { width: 600, height: 400 });
      expect(next).toMatchObject({ n: 4, outputFormat: 'jpeg' });
      expect(generationOptionsSchema.safeParse(next).success).toBe(true);
    }
  });

  it('offers two or three example prompts per start point', () => {
    for (const point of START_POINTS) expect(START_POINT_INFO[point].examples.length).toBeGreaterThanOrEqual(2);
    for (const point of START_POINTS) expect(START_POINT_INFO[point].examples.length).toBeLessThanOrEqual(3);
  });
});
