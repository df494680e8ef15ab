/**
 * Decoding, cover-resizing and encoding with sharp. Images travel between stages as raw 8-bit pixels so the
 * inpaint and composite steps can work on bytes, and so "outside the mask" can be kept bit for bit.
 */
import sharp from 'sharp';
import { PipelineError } from './errors';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface Size {
  width: number;
  height: number;
}

/** Displayed size (EXIF orientation applied) and whether an alpha channel exists, from the header only. */
export async function probe(bytes: Uint8Array, what: string): Promise<Size & { hasAlpha: boolean }> {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const swap = (meta.orientation ?? 1) >= 5;
    return {
      width: swap ? meta.height : meta.width,
      height: swap ? meta.width : meta.height,
      hasAlpha: meta.hasAlpha === true,
    };
  } catch {
    throw new PipelineError(`The ${what} could not be decoded as an image`);
  }
}

/**
 * Scale to cover `target` and crop the centre: the one geometry used for the base and its mask alike, so both
 * stay aligned pixel for pixel. RGB out; a transparent base is flattened onto white.
 */
export async function coverResizeRgb(bytes: Uint8Array, target: Size, what: string): Promise<RawImage> {
  try {
    const { data, info } = await sharp(bytes)
      .rotate()
      .resize({ width: target.width, height: target.height, fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: expectChannels(info.channels, 3) };
  } catch {
    throw new PipelineError(`The ${what} could not be decoded as an image`);
  }
}

/** The mask's alpha channel, cover-resized like the base (0 = repaint, 255 = keep). */
export async function coverResizeAlpha(bytes: Uint8Array, target: Size): Promise<RawImage> {
  try {
    const { data, info } = await sharp(bytes)
      .rotate()
      .ensureAlpha()
      .resize({ width: target.width, height: target.height, fit: 'cover', position: 'centre' })
      .extractChannel(3)
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: expectChannels(info.channels, 1) };
  } catch {
    throw new PipelineError('The mask could not be decoded as an image');
  }
}

/** Resize raw pixels to exactly `size` (no aspect kept). Used to work on a hole at a smaller scale. */
export async function resizeRaw(image: RawImage, size: Size): Promise<RawImage> {
  let pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  }).resize({
    width: size.width,
    height: size.height,
    fit: 'fill',
    kernel: 'cubic',
  });
  // libvips turns one-channel raw into sRGB on output unless told otherwise.
  if (image.channels === 1) pipeline = pipeline.extractChannel(0);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: expectChannels(info.channels, image.channels) };
}

function expectChannels(actual: number, expected: 1 | 3): 1 | 3 {
  if (actual !== expected) throw new Error(`Expected ${expected} channels from sharp, got ${actual}`);
  return expected;
}

export async function encode(image: RawImage, format: 'png' | 'jpeg', jpegQuality: number): Promise<Buffer> {
  const pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  if (format === 'jpeg') {
    return pipeline
      .jpeg({ quality: Math.min(100, Math.max(1, Math.round(jpegQuality))), chromaSubsampling: '4:4:4' })
      .toBuffer();
  }
  return pipeline.png({ compressionLevel: 6 }).toBuffer();
}
