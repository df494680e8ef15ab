/**
 * Placement ("put this product here"): the second reference, fitted inside the mask's bounding box with its aspect
 * ratio kept, blended over the completed base. The weight is the mask's own (so opaque-mask pixels never change),
 * times the reference's alpha, times a feather at the reference's edges and at the mask's rim, so no seam shows.
 */
import sharp from 'sharp';
import { PipelineError } from './errors';
import type { RawImage } from './raw-image';
import { holeBox } from './region';

export async function placeReference(filled: RawImage, alpha: RawImage, reference: Uint8Array): Promise<RawImage> {
  const found = holeBox(alpha, 0);
  if (!found) return filled;
  const { box } = found;
  let placed: { data: Buffer; info: { width: number; height: number } };
  try {
    placed = await sharp(reference)
      .rotate()
      .resize({ width: box.width, height: box.height, fit: 'inside', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new PipelineError('The second reference image could not be decoded as an image');
  }
  const { width: pw, height: ph } = placed.info;
  const ox = box.x + Math.floor((box.width - pw) / 2);
  const oy = box.y + Math.floor((box.height - ph) / 2);
  const feather = Math.max(2, Math.round(0.03 * Math.min(pw, ph)));

  // The mask's rim, softened: blur the hole and keep only its inner half, so the weight reaches 0 at the edge.
  const rim = await sharp(Buffer.from(alpha.data.map((a) => 255 - a)), {
    raw: { width: alpha.width, height: alpha.height, channels: 1 },
  })
    .blur(Math.max(0.5, feather / 2))
    .extractChannel(0)
    .raw()
    .toBuffer();

  const out: RawImage = { ...filled, data: Buffer.from(filled.data) };
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const p = (oy + y) * alpha.width + ox + x;
      const holeWeight = (255 - (alpha.data[p] ?? 255)) / 255;
      if (holeWeight === 0) continue;
      const edge = Math.min(1, (Math.min(x, y, pw - 1 - x, ph - 1 - y) + 1) / feather);
      const inner = Math.min(1, Math.max(0, ((rim[p] ?? 0) / 255 - 0.5) * 2));
      const q = (y * pw + x) * 4;
      const w = holeWeight * edge * inner * ((placed.data[q + 3] ?? 255) / 255);
      if (w === 0) continue;
      for (let c = 0; c < 3; c++) {
        const o = p * 3 + c;
        out.data[o] = Math.round((out.data[o] ?? 0) * (1 - w) + (placed.data[q + c] ?? 0) * w);
      }
    }
  }
  return out;
}
