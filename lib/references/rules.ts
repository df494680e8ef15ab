/**
 * What a reference image must be, checked by content rather than by name. Pure functions: the browser runs them
 * before uploading (instant feedback, nothing sent), and the server runs them again (an action is public).
 */
import { MAX_REFERENCE_BYTES, MAX_REFERENCES } from '@/lib/jobs/options';
import type { AppError } from '@/lib/errors';
import { sniffImageType, type SniffedType } from '@/lib/images/sniff';

export { SNIFF_BYTES } from '@/lib/images/sniff';

const TYPE_NAMES: Record<Exclude<SniffedType, 'png' | 'jpeg'>, string> = {
  gif: 'a GIF',
  webp: 'a WebP image',
  svg: 'an SVG drawing',
  unknown: 'not an image',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The checks that need only the name, the size and the first bytes. Null when the file may be uploaded. */
export function checkReferenceFile(file: { name: string; size: number; head: Uint8Array }): AppError | null {
  const about = { file: file.name };
  if (file.size === 0) return { code: 'reference:empty', message: `${file.name} is empty (0 bytes).`, ...about };
  if (file.size > MAX_REFERENCE_BYTES)
    return {
      code: 'reference:too_large',
      message: `${file.name} is ${formatBytes(file.size)}; references can be at most ${formatBytes(MAX_REFERENCE_BYTES)}.`,
      ...about,
    };
  const type = sniffImageType(file.head);
  if (type !== 'png' && type !== 'jpeg')
    return {
      code: 'reference:unsupported_type',
      message: `${file.name} is ${TYPE_NAMES[type]}; only PNG and JPEG images can be used.`,
      ...about,
    };
  return null;
}

/** Refusal for files beyond the 16th, counted against what the tray already holds. */
export function checkReferenceCount(fileName: string, alreadyHeld: number): AppError | null {
  if (alreadyHeld < MAX_REFERENCES) return null;
  return {
    code: 'reference:too_many',
    message: `${fileName} was not added: a task takes at most ${MAX_REFERENCES} reference images.`,
    file: fileName,
  };
}

/** Decompression-bomb guard: refuse before decoding, from the header's dimensions alone. */
export const MAX_SIDE_PX = 16_384;
export const MAX_PIXELS = 100_000_000;

export function checkDimensions(name: string, width: number, height: number): AppError | null {
  if (width < 1 || height < 1 || width > MAX_SIDE_PX || height > MAX_SIDE_PX || width * height > MAX_PIXELS)
    return {
      code: 'reference:dimensions',
      message: `${name} is ${width} × ${height} px; references can be at most ${MAX_SIDE_PX} px a side and ${MAX_PIXELS / 1_000_000} megapixels.`,
      file: name,
    };
  return null;
}
