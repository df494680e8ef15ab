/** Pixel bookkeeping shared by the fills: the hole's box, crops, and the alpha composite that keeps known pixels. */
import type { RawImage } from './raw-image';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bounding box of alpha < 255, grown by `margin` and clipped to the image, or null if nothing is to be repainted. */
export function holeBox(alpha: RawImage, margin: number): { box: Box; holes: number } | null {
  const { width, height, data } = alpha;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let holes = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if ((data[row + x] ?? 255) < 255) {
        holes++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (holes === 0) return null;
  const x = Math.max(0, minX - margin);
  const y = Math.max(0, minY - margin);
  return {
    box: { x, y, width: Math.min(width, maxX + margin + 1) - x, height: Math.min(height, maxY + margin + 1) - y },
    holes,
  };
}

export function crop(image: RawImage, box: Box): RawImage {
  const c = image.channels;
  const data = Buffer.alloc(box.width * box.height * c);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * image.width + box.x) * c;
    image.data.copy(data, y * box.width * c, from, from + box.width * c);
  }
  return { data, width: box.width, height: box.height, channels: image.channels };
}

/**
 * out = base·a/255 + filled·(1 − a/255) inside `box` (filled is box-sized), so alpha 255 is kept bit for bit and
 * soft alpha is a blend weight.
 */
export function compositeInto(out: RawImage, filled: RawImage, alpha: RawImage, box: Box): void {
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const a = alpha.data[(box.y + y) * alpha.width + box.x + x] ?? 255;
      if (a === 255) continue;
      const o = ((box.y + y) * out.width + box.x + x) * 3;
      const f = (y * box.width + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const b = out.data[o + ch] ?? 0;
        const v = filled.data[f + ch] ?? 0;
        out.data[o + ch] = Math.round((b * a + v * (255 - a)) / 255);
      }
    }
  }
}
