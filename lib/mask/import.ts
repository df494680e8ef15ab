import { decode } from 'fast-png';

/** A decoded mask: alpha in the export convention (255 keep, 0 repaint). */
export interface DecodedMask {
  readonly width: number;
  readonly height: number;
  readonly alpha: Uint8Array;
  /** Which channel carried the mask. */
  readonly source: 'alpha' | 'luminance';
}

/**
 * Reads a mask PNG the way people actually have them. A PNG with any transparency is read by its
 * alpha (the gpt-image convention we export: alpha 0 = repaint). A fully opaque PNG is a black and
 * white mask from IOPaint, ComfyUI or an image editor: white = repaint, black = keep.
 * Throws a sentence a user can act on when the bytes are not a PNG.
 */
export function decodeMaskPng(bytes: Uint8Array): DecodedMask {
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes);
  } catch {
    throw new Error('This file is not a PNG image; a mask must be a PNG.');
  }
  const { width, height } = png;
  const pixels = width * height;
  let channels = png.channels;
  let data: ArrayLike<number> = png.data;
  const max = png.depth === 16 ? 65535 : (1 << png.depth) - 1;
  if (png.palette) {
    // Indexed: expand to RGBA through the palette (and its tRNS alpha, if any).
    const out = new Uint8Array(pixels * 4);
    for (let i = 0; i < pixels; i++) {
      const entry = png.palette[png.data[i]!] ?? [0, 0, 0];
      out[i * 4] = entry[0]!;
      out[i * 4 + 1] = entry[1]!;
      out[i * 4 + 2] = entry[2]!;
      out[i * 4 + 3] = entry[3] ?? 255;
    }
    data = out;
    channels = 4;
  }
  const scale = png.palette ? 1 : 255 / max;
  const hasAlphaChannel = channels === 2 || channels === 4;
  const alpha = new Uint8Array(pixels);
  let transparent = false;
  if (hasAlphaChannel) {
    for (let i = 0; i < pixels; i++) {
      const a = Math.round(data[i * channels + channels - 1]! * scale);
      alpha[i] = a;
      if (a !== 255) transparent = true;
    }
  }
  if (transparent) return { width, height, alpha, source: 'alpha' };
  for (let i = 0; i < pixels; i++) {
    const o = i * channels;
    const lum = channels >= 3 ? 0.2126 * data[o]! + 0.7152 * data[o + 1]! + 0.0722 * data[o + 2]! : data[o]!;
    alpha[i] = 255 - Math.round(lum * scale);
  }
  return { width, height, alpha, source: 'luminance' };
}

/** The sentence shown when an imported mask does not fit the base, or null when it does. */
export function maskSizeMismatch(
  mask: { width: number; height: number },
  base: { width: number; height: number },
): string | null {
  if (mask.width === base.width && mask.height === base.height) return null;
  const rotated = mask.width === base.height && mask.height === base.width;
  return (
    `The mask is ${mask.width} × ${mask.height} px but the base image is ${base.width} × ${base.height} px; ` +
    (rotated
      ? 'it looks rotated (the base is shown with its EXIF orientation applied). Export the mask from the rotated image.'
      : 'a mask must be exactly the size of the base image.')
  );
}

/** Bilinear resize of an alpha bitmap (used when the base changes size and the mask is rescaled). */
export function resizeAlpha(
  alpha: Uint8Array,
  width: number,
  height: number,
  toWidth: number,
  toHeight: number,
): Uint8Array {
  if (width === toWidth && height === toHeight) return alpha.slice();
  const out = new Uint8Array(toWidth * toHeight);
  const sx = width / toWidth;
  const sy = height / toHeight;
  for (let y = 0; y < toHeight; y++) {
    const fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < toWidth; x++) {
      const fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(width - 1, x0 + 1);
      const tx = fx - x0;
      const top = alpha[y0 * width + x0]! * (1 - tx) + alpha[y0 * width + x1]! * tx;
      const bottom = alpha[y1 * width + x0]! * (1 - tx) + alpha[y1 * width + x1]! * tx;
      out[y * toWidth + x] = Math.round(top * (1 - ty) + bottom * ty);
    }
  }
  return out;
}
