import Konva from 'konva/lib/Core';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Rect } from 'konva/lib/shapes/Rect';
import type { Rect as FrameRect } from '@/lib/expand/frame';
import type { Camera } from '../camera';
import type { MaskBase } from '../editor-types';
import type { BaseImage } from './base-image';

/**
 * The scene: the base image and, when expanding, the canvas around it (checkerboard for the new, transparent
 * pixels, tinted as masked for repainting), in image pixel space under the camera. A bitmap layer redrawn only when
 * what it shows changes (camera, image, frame): measured on 4096², drawing the bitmaps every frame was the cost.
 */
export class SceneLayer {
  readonly #world = new Konva.Group({ listening: false });
  readonly #image = new KonvaImage({ image: undefined, listening: false });
  readonly #checker: Rect;
  readonly #tint = new Rect({ listening: false, visible: false, fill: 'rgba(139, 92, 246, 0.28)' });
  #key = '';

  constructor(private readonly layer: Konva.Layer) {
    this.#checker = new Rect({
      listening: false,
      visible: false,
      fillPatternImage: checkerTile() as unknown as HTMLImageElement,
      fillPatternRepeat: 'repeat',
    });
    this.#world.add(this.#checker, this.#tint, this.#image);
    layer.add(this.#world);
  }

  render(camera: Camera, base: MaskBase | null, frame: FrameRect | null, picture: BaseImage): void {
    const { scale, x, y } = camera;
    // The proxy while it is at least as sharp as the screen; the full image once zoomed in past it.
    const proxy = picture.proxy;
    const useProxy = Boolean(proxy && base && (proxy.width / base.width) * 1.01 >= scale);
    const frameKey = frame ? [frame.x, frame.y, frame.width, frame.height].join(',') : '';
    const key = [scale, x, y, useProxy, Boolean(picture.image), base?.url, frameKey].join('|');
    if (key === this.#key) return;
    this.#world.setAttrs({ x, y, scaleX: scale, scaleY: scale });
    for (const node of [this.#checker, this.#tint])
      node.setAttrs(frame ? { ...frame, visible: true } : { visible: false });
    // Checker squares stay 8 screen pixels at any zoom.
    this.#checker.fillPatternScale({ x: 1 / scale, y: 1 / scale });
    this.#image.setAttrs({
      image: (useProxy ? proxy : picture.image) ?? undefined,
      width: base?.width ?? 0,
      height: base?.height ?? 0,
      visible: Boolean(base && picture.image),
    });
    this.layer.draw();
    this.#key = key;
  }
}

/** A 16 × 16 two-tone tile: the usual sign for transparent pixels. A canvas is a valid pattern source (Konva's type says image). */
function checkerTile(): HTMLCanvasElement {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 16;
  const context = tile.getContext('2d');
  if (context) {
    context.fillStyle = '#52525b';
    context.fillRect(0, 0, 16, 16);
    context.fillStyle = '#27272a';
    context.fillRect(0, 0, 8, 8);
    context.fillRect(8, 8, 8, 8);
  }
  return tile;
}
