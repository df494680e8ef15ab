/**
 * View maths, kept pure so the headless editor and the tests share it with the Konva view.
 * Stage coordinates are CSS pixels from the stage's top-left; image coordinates are base-image
 * pixels. `stage = image × scale + (x, y)`.
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}
export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface Camera {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 32;
/** Space kept around the image when it is fitted into the stage. */
export const FIT_PADDING = 16;

export const IDENTITY_CAMERA: Camera = Object.freeze({ scale: 1, x: 0, y: 0 });

/** The camera that shows the whole image, as large as fits, centred. */
export function fitCamera(viewport: Size, image: Size, padding = FIT_PADDING): Camera {
  if (viewport.width <= 0 || viewport.height <= 0 || image.width <= 0 || image.height <= 0) {
    return IDENTITY_CAMERA;
  }
  const pad = Math.min(padding, viewport.width / 4, viewport.height / 4);
  const scale = clampZoom(
    Math.min((viewport.width - 2 * pad) / image.width, (viewport.height - 2 * pad) / image.height),
  );
  return {
    scale,
    x: (viewport.width - image.width * scale) / 2,
    y: (viewport.height - image.height * scale) / 2,
  };
}

/** Zooms by `factor` keeping the image point under `anchor` (stage coordinates) in place. */
export function zoomCameraAt(camera: Camera, factor: number, anchor: Point): Camera {
  const scale = clampZoom(camera.scale * factor);
  const ratio = scale / camera.scale;
  return {
    scale,
    x: anchor.x - (anchor.x - camera.x) * ratio,
    y: anchor.y - (anchor.y - camera.y) * ratio,
  };
}

export function panCamera(camera: Camera, dx: number, dy: number): Camera {
  return { scale: camera.scale, x: camera.x + dx, y: camera.y + dy };
}

export function stageToImage(camera: Camera, point: Point): Point {
  return { x: (point.x - camera.x) / camera.scale, y: (point.y - camera.y) / camera.scale };
}

export function imageToStage(camera: Camera, point: Point): Point {
  return { x: point.x * camera.scale + camera.x, y: point.y * camera.scale + camera.y };
}

export function clampZoom(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return MIN_ZOOM;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale));
}
