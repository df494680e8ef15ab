/**
 * What a reference image must be, checked by content rather than by name. Pure functions: the browser runs them
 * before uploading (instant feedback, nothing sent), and the server runs them again (an action is public).
 */
import { MAX_REFERENCE_BYTES, MAX_REFERENCES } from '@/lib/jobs/options';
import type { AppError } from '@/lib/errors';

export type SniffedType = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg' | 'unknown';

/** The first bytes decide the type; 16 are enough. */
export const SNIFF_BYTES = 16;

export function sniffImageType(head: Uint8Array): SniffedType {
  const starts = (...sig: number[]) => sig.every((byte, i) => head[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50)
    return 'webp';
  const text = String.fromCharCode(...head.slice(0, SNIFF_BYTES)).trimStart().toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'svg';
  return 'unknown';
}

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
