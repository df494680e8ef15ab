import { encode } from 'fast-png';

/**
 * Encodes the mask the way image-edit APIs (gpt-image style) expect it: an RGBA PNG exactly the
 * size of the base image, RGB black, alpha 0 where the model may repaint and 255 where it must keep.
 */
export function encodeMaskPng(width: number, height: number, alpha: Uint8Array): Uint8Array {
  if (alpha.length !== width * height) {
    throw new RangeError(`alpha has ${alpha.length} bytes, expected ${width}×${height}`);
  }
  const rgba = new Uint8Array(width * height * 4); // RGB stays 0 (black)
  for (let i = 0, j = 3; i < alpha.length; i++, j += 4) rgba[j] = alpha[i]!;
  return encode({ width, height, data: rgba, depth: 8, channels: 4 });
}

/** True when at least one pixel is marked (even partly) for repainting. */
export function hasRepaintArea(alpha: Uint8Array): boolean {
  // Four pixels per comparison where the buffer allows it: this runs after every committed change.
  const words = alpha.byteOffset % 4 === 0 ? Math.floor(alpha.length / 4) : 0;
  const view = words > 0 ? new Uint32Array(alpha.buffer, alpha.byteOffset, words) : null;
  for (let i = 0; i < words; i++) if (view![i] !== 0xffffffff) return true;
  for (let i = words * 4; i < alpha.length; i++) if (alpha[i] !== 255) return true;
  return false;
}
