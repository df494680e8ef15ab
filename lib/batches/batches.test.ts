import { describe, expect, it } from 'vitest';
import { marginLayout } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { itemIdempotencyKey, itemsToStart, MAX_IN_FLIGHT_PER_BATCH } from './feeder';
import { maskRuleSchema, selectionAlpha, shapeAlpha } from './mask-rule';
import { batchControls, batchProgress, countStatuses, describeTimeLeft } from './progress';
import { fillPrompt } from './prompt';
import { recipeInputSchema, tasksPerBatch } from './recipe';
import { batchZipNames } from './zip-names';

describe('fillPrompt', () => {
  it('fills the known placeholders and leaves others as written', () => {
    expect(
      fillPrompt('{name} ({filename}) #{index} at {ratio}, keep {logo}', {
        filename: 'chair.v2.jpg',
        index: 3,
        ratio: '16:9',
      }),
    ).toBe('chair.v2 (chair.v2.jpg) #3 at 16:9, keep {logo}');
  });
});

describe('mask rules', () => {
  it('repaints the background or the subject of a selection', () => {
    const foreground = new Uint8Array([0, 127, 128, 255]);
    expect([...selectionAlpha(foreground, 'background')]).toEqual([0, 0, 255, 255]);
    expect([...selectionAlpha(foreground, 'subject')]).toEqual([255, 255, 0, 0]);
  });

  it('places a rectangle in fractions of any image size', () => {
    const alpha = shapeAlpha({ kind: 'rect', x: 0.5, y: 0, width: 0.5, height: 0.5 }, 4, 4);
    expect([...alpha]).toEqual([255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255]);
    const big = shapeAlpha({ kind: 'rect', x: 0.5, y: 0, width: 0.5, height: 0.5 }, 400, 100);
    expect(big.filter((a) => a === 0).length).toBe(200 * 50);
  });

  it('cuts the corners of an ellipse', () => {
    const alpha = shapeAlpha({ kind: 'ellipse', x: 0, y: 0, width: 1, height: 1 }, 10, 10);
    expect(alpha[0]).toBe(255);
    expect(alpha[5 * 10 + 5]).toBe(0);
    const repainted = alpha.filter((a) => a === 0).length;
    // π/4 of the square, within the pixel grid's error.
    expect(repainted).toBeGreaterThan(70);
    expect(repainted).toBeLessThan(90);
  });

  it('refuses a shape with no area or outside 0–1', () => {
    expect(maskRuleSchema.safeParse({ kind: 'rect', x: 0, y: 0, width: 0, height: 1 }).success).toBe(false);
    expect(maskRuleSchema.safeParse({ kind: 'ellipse', x: 1.2, y: 0, width: 0.5, height: 1 }).success).toBe(false);
    expect(maskRuleSchema.safeParse({ kind: 'margin' }).success).toBe(false);
  });

  it('takes a margin on any side, in shares of the image, and refuses none at all or more than 100 %', () => {
    const margin = (top: number, right: number, bottom: number, left: number) =>
      maskRuleSchema.safeParse({ kind: 'margin', top, right, bottom, left });
    expect(margin(0, 0.25, 0, 0.25).success).toBe(true);
    expect(margin(0, 0, 0, 0).success).toBe(false);
    expect(margin(0, 1.5, 0, 0).success).toBe(false);
  });

  it('grows the canvas by each side’s share, with the image at the left and top margins', () => {
    expect(marginLayout({ width: 600, height: 400 }, { top: 0.1, right: 0.25, bottom: 0, left: 0.5 })).toEqual({
      canvas: { width: 300 + 600 + 150, height: 40 + 400 },
      offset: { x: 300, y: 40 },
      inner: { width: 600, height: 400 },
      scale: 1,
    });
    // Past the canvas caps the whole is scaled, the image with it, and stays inside.
    const big = marginLayout({ width: 4000, height: 3000 }, { top: 0, right: 1, bottom: 0, left: 1 });
    expect(big.scale).toBeLessThan(1);
    expect(big.canvas.width).toBeLessThanOrEqual(4096);
    expect(big.offset.x + big.inner.width).toBeLessThanOrEqual(big.canvas.width);
  });
});

describe('recipe input', () => {
  const valid = {
    name: ' Summer ',
    prompt: 'a beach behind {name}',
    options: DEFAULT_OPTIONS,
    referenceIds: [],
    ratios: ['1:1', '16:9'],
    maskRule: { kind: 'background' },
  };

  it('accepts a recipe and trims its name', () => {
    const parsed = recipeInputSchema.parse(valid);
    expect(parsed.name).toBe('Summer');
  });

  it('names the field that is wrong', () => {
    const noName = recipeInputSchema.safeParse({ ...valid, name: '  ' });
    expect(noName.error?.issues[0]?.message).toMatch(/^Recipe name:/);
    expect(recipeInputSchema.safeParse({ ...valid, ratios: ['auto'] }).success).toBe(false);
    expect(recipeInputSchema.safeParse({ ...valid, referenceIds: Array(16).fill('x') }).success).toBe(false);
  });

  it('counts one task per image and ratio', () => {
    expect(tasksPerBatch(40, [])).toBe(40);
    expect(tasksPerBatch(40, ['1:1', '16:9', '9:16'])).toBe(120);
  });
});

describe('batch progress', () => {
  it('counts each status and says nothing about time before the first item ends', () => {
    const p = batchProgress(countStatuses(['queued', 'queued', 'running']), 10_000);
    expect(p).toMatchObject({ total: 3, done: 0, running: 1, failed: 0, toGo: 2, fraction: 0, secondsLeft: null });
    expect(describeTimeLeft(p.secondsLeft)).toBe('time left: measuring');
  });

  it('estimates the time left at the pace so far', () => {
    // 2 finished in 60 s: 30 s each, 4 to go.
    const p = batchProgress(countStatuses(['completed', 'failed', 'running', 'queued', 'queued', 'queued']), 60_000);
    expect(p.secondsLeft).toBe(120);
    expect(p.fraction).toBeCloseTo(2 / 6);
    expect(describeTimeLeft(p.secondsLeft)).toBe('about 2 min left');
  });

  it('is finished once every item is final', () => {
    const p = batchProgress(countStatuses(['completed', 'cancelled']), 5_000);
    expect(p.fraction).toBe(1);
    expect(p.secondsLeft).toBe(0);
  });

  it('offers the controls the state allows', () => {
    expect(batchControls('running', { failed: 0 })).toEqual({
      pause: true,
      resume: false,
      cancel: true,
      retryFailed: false,
    });
    expect(batchControls('paused', { failed: 2 })).toMatchObject({ resume: true, pause: false, retryFailed: true });
    expect(batchControls('done', { failed: 1 })).toMatchObject({ cancel: false, retryFailed: true });
    expect(batchControls('cancelled', { failed: 1 }).retryFailed).toBe(false);
  });
});

describe('feeder rules', () => {
  it('never starts more than the in-flight limit', () => {
    expect(itemsToStart(0, 500)).toBe(MAX_IN_FLIGHT_PER_BATCH);
    expect(itemsToStart(6, 500)).toBe(2);
    expect(itemsToStart(9, 500)).toBe(0);
    expect(itemsToStart(0, 3)).toBe(3);
  });

  it('gives each attempt its own key', () => {
    expect(itemIdempotencyKey('a', 1)).not.toBe(itemIdempotencyKey('a', 2));
    expect(itemIdempotencyKey('a', 1).length).toBeGreaterThanOrEqual(8);
  });
});

describe('batchZipNames', () => {
  it('names files after the originals and ratio, never twice', () => {
    expect(
      batchZipNames([
        { original: 'chair.jpg', ratio: null, position: 0, extension: 'png' },
        { original: 'chair.jpg', ratio: '16:9', position: 0, extension: 'png' },
        { original: 'chair.jpg', ratio: '16:9', position: 1, extension: 'jpg' },
        { original: 'Chair.JPG', ratio: null, position: 0, extension: 'png' },
        { original: '../../etc/passwd', ratio: null, position: 0, extension: 'png' },
      ]),
    ).toEqual(['chair.png', 'chair_16x9.png', 'chair_16x9_2.jpg', 'Chair (2).png', 'passwd.png']);
  });
});
