/**
 * The fake ToAPIs server's pictures: plausible results (a tinted reference or a solid colour) and drift mode's
 * "regenerating model" edits. sharp only; no HTTP here.
 */
import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';

/** What of a task decides its picture. */
export interface ImageTask {
  prompt: string;
  size: string;
  outputFormat: 'png' | 'jpeg';
}

/** An uploaded file's bytes. */
export interface ImageFile {
  bytes: Uint8Array;
}

/** A plausible picture: the first reference tinted (its aspect kept), or a solid colour from the prompt. */
export async function resultImage(
  task: ImageTask,
  reference: ImageFile | undefined,
  index: number,
): Promise<Uint8Array> {
  const hash = createHash('sha256').update(`${task.prompt}#${index}`).digest();
  const colour = { r: hash[0] ?? 0, g: hash[1] ?? 0, b: hash[2] ?? 0 };
  let image: Sharp;
  if (reference) {
    const meta = await sharp(reference.bytes).rotate().metadata();
    const { width, height } = plausibleSize(
      task.size,
      meta.autoOrient?.width ?? meta.width ?? 1024,
      meta.autoOrient?.height ?? meta.height ?? 1024,
    );
    image = sharp(reference.bytes).rotate().resize({ width, height, fit: 'cover' }).tint(colour);
  } else {
    const { width, height } = plausibleSize(task.size, 1024, 1024);
    image = sharp({ create: { width, height, channels: 3, background: colour } });
  }
  const bytes =
    task.outputFormat === 'jpeg' ? await image.jpeg({ quality: 85 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(bytes);
}

/** Drift mode's pixels inside the mask: a colour no photo sample has, easy to find in a test. */
export const DRIFT_PAINT = { r: 255, g: 0, b: 255 };
/** Drift mode moves the whole frame right and down by this many pixels. */
export const DRIFT_SHIFT = 3;

/**
 * Drift mode: what a regenerating model does to an edit. Every pixel changes: the frame is hue-turned by 40° and
 * brightened 6 %, the masked area painted `DRIFT_PAINT`, and the whole picture moved by `DRIFT_SHIFT` px.
 */
export async function driftedImage(
  task: ImageTask,
  reference: ImageFile,
  mask: ImageFile | undefined,
): Promise<Uint8Array> {
  const meta = await sharp(reference.bytes).rotate().metadata();
  const { width, height } = plausibleSize(
    task.size,
    meta.autoOrient?.width ?? meta.width ?? 1024,
    meta.autoOrient?.height ?? meta.height ?? 1024,
  );
  const frame = await sharp(reference.bytes)
    .rotate()
    .resize({ width, height, fit: 'cover' })
    .modulate({ hue: 40, brightness: 1.06 })
    .removeAlpha()
    .raw()
    .toBuffer();
  if (mask) {
    const alpha = await sharp(mask.bytes)
      .ensureAlpha()
      .extractChannel(3)
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer();
    for (let i = 0; i < width * height; i++) {
      if (alpha[i]! < 128) frame.set([DRIFT_PAINT.r, DRIFT_PAINT.g, DRIFT_PAINT.b], i * 3);
    }
  }
  const moved = Buffer.alloc(frame.length);
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, y - DRIFT_SHIFT);
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, x - DRIFT_SHIFT);
      frame.copy(moved, (y * width + x) * 3, (sy * width + sx) * 3, (sy * width + sx) * 3 + 3);
    }
  }
  const image = sharp(moved, { raw: { width, height, channels: 3 } });
  const bytes =
    task.outputFormat === 'jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(bytes);
}

/** Long side 1024, the ratio asked for (or the reference's for `auto`), sides rounded to 16. */
function plausibleSize(size: string, refWidth: number, refHeight: number): { width: number; height: number } {
  const match = /^(\d+):(\d+)$/.exec(size);
  const ratio = match ? Number(match[1]) / Number(match[2]) : refWidth / refHeight;
  const round = (v: number) => Math.max(16, Math.round(v / 16) * 16);
  return ratio >= 1 ? { width: 1024, height: round(1024 / ratio) } : { width: round(1024 * ratio), height: 1024 };
}

/** The image type of some bytes, from their magic number; null when not an image the fake accepts. */
export function sniff(b: Uint8Array): { mime: string; ext: string } | null {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { mime: 'image/png', ext: 'png' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { mime: 'image/gif', ext: 'gif' };
  if (
    Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP'
  ) {
    return { mime: 'image/webp', ext: 'webp' };
  }
  return null;
}
