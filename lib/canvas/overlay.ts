/**
 * How the committed mask is shown: one bitmap the size of the image, coloured where the mask says
 * "repaint". Display only — the exported PNG comes from the mask model, never from these pixels.
 */

/** Overlay colour (fuchsia-500). The overlay node is drawn at OVERLAY_OPACITY over the image. */
export const OVERLAY_RGB = Object.freeze([217, 70, 239] as const);
export const OVERLAY_OPACITY = 0.55;
export const OVERLAY_CSS = `rgb(${OVERLAY_RGB.join(', ')})`;

/**
 * Writes RGBA pixels for the overlay: the overlay colour with alpha = 255 − mask alpha, so fully
 * repainted pixels are opaque colour and kept pixels are transparent. `out` is ImageData.data.
 */
export function writeOverlayPixels(alpha: Uint8Array, out: Uint8ClampedArray | Uint8Array): void {
  if (out.length !== alpha.length * 4) {
    throw new RangeError(`overlay needs ${alpha.length * 4} bytes, got ${out.length}`);
  }
  const [r, g, b] = OVERLAY_RGB;
  for (let i = 0, j = 0; i < alpha.length; i++, j += 4) {
    const repaint = 255 - alpha[i]!;
    if (repaint === 0) {
      // Transparent black: premultiplied canvases store it that way anyway.
      out[j] = 0;
      out[j + 1] = 0;
      out[j + 2] = 0;
      out[j + 3] = 0;
    } else {
      out[j] = r;
      out[j + 1] = g;
      out[j + 2] = b;
      out[j + 3] = repaint;
    }
  }
}
