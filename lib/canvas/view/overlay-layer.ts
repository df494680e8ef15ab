import Konva from 'konva/lib/Core';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import type { MaskDocument } from '@/lib/mask/document';
import type { Camera } from '../camera';
import type { OverlayPattern } from '../editor-types';
import { proxySize, writeOverlay } from '../overlay';

type OverlayStyle = { color: string; pattern: OverlayPattern };
import { PROXY_MAX_SIDE } from './base-image';

/**
 * The committed mask as ONE cached bitmap (proxy-sized), coloured where the mask says repaint. Redrawn from the
 * model only in the rectangle the last change touched, and drawn only when it or the camera changed: a stroke's
 * commit redraws this layer, never the base under it. Display only: export encodes the model.
 */
export class OverlayLayer {
  readonly #world = new Konva.Group({ listening: false });
  readonly #node = new KonvaImage({ image: undefined, listening: false });
  #canvas: HTMLCanvasElement | null = null;
  #pixels: ImageData | null = null;
  /** What the bitmap shows now. */
  #drawnDoc: MaskDocument | null = null;
  #drawnVersion = -1;
  #drawnStyle = '';
  /** What the layer last drew besides the bitmap's own pixels (camera, opacity). */
  #key = '';

  constructor(private readonly layer: Konva.Layer) {
    this.#world.add(this.#node);
    layer.add(this.#world);
  }

  render(camera: Camera, doc: MaskDocument | null, style: OverlayStyle & { opacity: number }): void {
    const changed = this.#update(doc, style);
    const { scale, x, y } = camera;
    const key = [scale, x, y, style.opacity, doc !== null].join('|');
    if (!changed && key === this.#key) return;
    this.#world.setAttrs({ x, y, scaleX: scale, scaleY: scale });
    this.#node.visible(doc !== null);
    this.#node.opacity(style.opacity);
    this.layer.draw();
    this.#key = key;
  }

  /** Brings the bitmap up to date with the model; returns whether it changed. */
  #update(doc: MaskDocument | null, style: OverlayStyle): boolean {
    if (!doc) {
      this.#drawnDoc = null;
      return false;
    }
    const size = proxySize(doc.width, doc.height, PROXY_MAX_SIDE);
    let canvas = this.#canvas;
    if (!canvas || canvas.width !== size.width || canvas.height !== size.height || this.#drawnDoc !== doc) {
      canvas ??= document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      this.#canvas = canvas;
      this.#pixels = null;
      this.#drawnDoc = null;
      this.#node.setAttrs({ image: canvas, width: doc.width, height: doc.height });
    }
    const styleKey = `${style.color}/${style.pattern}`;
    if (this.#drawnDoc === doc && this.#drawnVersion === doc.version && this.#drawnStyle === styleKey) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const pixels = this.#pixels ?? ctx.createImageData(size.width, size.height);
    this.#pixels = pixels;
    const change = doc.lastChange;
    // Only the rectangle the last change touched, when this bitmap showed the state just before it.
    const rect =
      (this.#drawnDoc === doc &&
        this.#drawnStyle === styleKey &&
        change?.fromVersion === this.#drawnVersion &&
        change.toVersion === doc.version &&
        change.rect) ||
      null;
    writeOverlay(doc.alpha(), doc.width, doc.height, pixels, { color: style.color, pattern: style.pattern }, rect);
    if (rect) {
      const sx = size.width / doc.width;
      const sy = size.height / doc.height;
      const dx = Math.floor(rect.x0 * sx);
      const dy = Math.floor(rect.y0 * sy);
      ctx.putImageData(pixels, 0, 0, dx, dy, Math.ceil(rect.x1 * sx) - dx, Math.ceil(rect.y1 * sy) - dy);
    } else {
      ctx.putImageData(pixels, 0, 0);
    }
    this.#drawnDoc = doc;
    this.#drawnVersion = doc.version;
    this.#drawnStyle = styleKey;
    return true;
  }
}
