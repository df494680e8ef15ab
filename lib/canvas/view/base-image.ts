import type { MaskBase } from '../editor-types';
import { proxySize } from '../overlay';

/** Longest side of the display proxies (base image and overlay). Measured: a 4096² overlay drawn every frame costs ~4× a 2048² one. */
export const PROXY_MAX_SIDE = 2048;

/**
 * The base image for display: the decoded image, plus a downscaled proxy (≤ 2048 px) for large bases, drawn while
 * it is at least as sharp as the screen. A newer `load` makes an older one's results land nowhere.
 */
export class BaseImage {
  image: HTMLImageElement | null = null;
  proxy: ImageBitmap | null = null;
  url: string | null = null;
  #token = 0;

  /** Loads `base`; `status` hears when it is ready or failed, `redraw` when the proxy arrives. */
  load(base: MaskBase | null, status: (url: string, status: 'ready' | 'error') => void, redraw: () => void): void {
    const token = ++this.#token;
    this.image = null;
    this.proxy?.close();
    this.proxy = null;
    this.url = base?.url ?? null;
    if (!base || typeof Image === 'undefined') return;
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      if (token !== this.#token) return;
      this.image = image;
      status(base.url, 'ready');
      const size = proxySize(base.width, base.height, PROXY_MAX_SIDE);
      if (size.width < base.width && typeof createImageBitmap === 'function') {
        createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' })
          .then((bitmap) => {
            if (token !== this.#token) return bitmap.close();
            this.proxy = bitmap;
            redraw();
          })
          .catch(() => {}); // the full image keeps working
      }
    };
    image.onerror = () => {
      if (token === this.#token) status(base.url, 'error');
    };
    image.src = base.url;
  }
}
