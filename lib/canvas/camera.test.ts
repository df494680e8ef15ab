import { describe, expect, it } from 'vitest';
import { fitCamera, imageToStage, MAX_ZOOM, stageToImage, zoomCameraAt } from './camera';

describe('camera', () => {
  it('fits the image centred with padding', () => {
    const camera = fitCamera({ width: 800, height: 600 }, { width: 600, height: 400 }, 16);
    expect(camera.scale).toBeCloseTo(768 / 600);
    expect(camera.x).toBeCloseTo(16);
    expect(camera.y).toBeCloseTo((600 - 400 * camera.scale) / 2);
    const portrait = fitCamera({ width: 800, height: 600 }, { width: 320, height: 427 }, 16);
    expect(427 * portrait.scale).toBeCloseTo(568);
  });

  it('round-trips stage ↔ image coordinates', () => {
    const camera = { scale: 1.7, x: 12, y: -30 };
    const p = stageToImage(camera, imageToStage(camera, { x: 123.5, y: 45 }));
    expect(p.x).toBeCloseTo(123.5);
    expect(p.y).toBeCloseTo(45);
  });

  it('zooms about the anchor and clamps the scale', () => {
    const camera = { scale: 1, x: 0, y: 0 };
    const anchor = { x: 200, y: 100 };
    const zoomed = zoomCameraAt(camera, 2, anchor);
    const before = stageToImage(camera, anchor);
    const after = stageToImage(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomCameraAt(camera, 1e6, anchor).scale).toBe(MAX_ZOOM);
  });

  it('survives an empty viewport', () => {
    expect(fitCamera({ width: 0, height: 0 }, { width: 600, height: 400 }).scale).toBe(1);
  });
});
