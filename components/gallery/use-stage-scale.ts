'use client';

import { useLayoutEffect, useState, type RefObject } from 'react';

/** Zoom: `fit` (the whole image in view) or image pixels per screen pixel (1 = 100 %, one to one). */
export type Zoom = 'fit' | number;
export const ZOOM_STEPS = [0.125, 0.25, 0.5, 1, 2, 4, 8];

/** The next step in or out from what is shown now (`current`, in image pixels per screen pixel). */
export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current * 1.01) ?? ZOOM_STEPS.at(-1)!;
  return ZOOM_STEPS.findLast((step) => step < current * 0.99) ?? ZOOM_STEPS[0]!;
}

/**
 * The displayed size of an image in the stage: CSS pixels per image pixel for `zoom`, and what `fit` would be in
 * screen-pixel terms. "100 %" means one image pixel per *device* pixel, so it reads the device pixel ratio.
 */
export function useStageScale(
  stage: RefObject<HTMLElement | null>,
  image: { width: number; height: number },
  zoom: Zoom,
) {
  const [box, setBox] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setBox({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [stage]);
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const fitCss = box.width > 0 ? Math.min(box.width / image.width, box.height / image.height) : 0;
  const css = zoom === 'fit' ? fitCss : zoom / ratio;
  return { css, screen: css * ratio, fitScreen: fitCss * ratio, ready: box.width > 0 };
}
