/**
 * What a reference image must be, checked by content rather than by name. Pure functions: the browser runs them
 * before uploading (instant feedback, nothing sent), and the server runs them again (an action is public).
 */
import { MAX_REFERENCE_BYTES, MAX_REFERENCES } from '@/lib/jobs/options';
import type { AppError } from '@/lib/errors';
import type { JpegHeader } from '@/lib/images/jpeg-header';
import { sniffImageType, type SniffedType } from '@/lib/images/sniff';

export { SNIFF_BYTES } from '@/lib/images/sniff';

/**
 * What people drop: PNG and JPEG are stored as given; the rest is converted to PNG on the way in (lossless, so the
 * decoded pixels are kept), because the upstream takes PNG and JPEG only.
 */
export const ACCEPTED_TYPES = [
  'png',
  'jpeg',
  'webp',
  'avif',
  'tiff',
  'bmp',
  'gif',
  'heic',
] as const satisfies readonly SniffedType[];
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** For the file picker's `accept`: the types above by MIME type and extension (HEIC has no MIME type in some browsers). */
export const ACCEPT_ATTRIBUTE =
  'image/png,image/jpeg,image/webp,image/avif,image/tiff,image/bmp,image/gif,image/heic,image/heif,.heic,.heif,.avif,.tif,.tiff,.bmp';

export function isAcceptedType(type: SniffedType): type is AcceptedType {
  return (ACCEPTED_TYPES as readonly SniffedType[]).includes(type);
}

/** The sentence when a HEIC photo cannot be decoded here (sharp's libvips ships without an HEVC decoder). */
export function heicRefusal(name: string): AppError {
  return {
    code: 'reference:unsupported_type',
    message: `${name}: HEIC photos can't be read here; export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible).`,
    file: name,
  };
}

export function formatBytes(bytes: number, decimals = 1): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(decimals)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(decimals)} MB`;
}

/**
 * `value` and `limit` as two different strings when `value > limit`: more decimals until they differ, then exact
 * bytes, so "50.0 MB; at most 50.0 MB" can never be said.
 */
export function formatOverLimit(value: number, limit: number): [string, string] {
  for (const decimals of [1, 2, 3]) {
    const pair: [string, string] = [formatBytes(value, decimals), formatBytes(limit, decimals)];
    if (pair[0] !== pair[1]) return pair;
  }
  const exact = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return [exact(value), exact(limit)];
}

/** The checks that need only the name, the size and the first bytes. Null when the file may be uploaded. */
export function checkReferenceFile(file: { name: string; size: number; head: Uint8Array }): AppError | null {
  const about = { file: file.name };
  if (file.size === 0) return { code: 'reference:empty', message: `${file.name} is empty (0 bytes).`, ...about };
  if (file.size > MAX_REFERENCE_BYTES) {
    const [size, limit] = formatOverLimit(file.size, MAX_REFERENCE_BYTES);
    return {
      code: 'reference:too_large',
      message: `${file.name} is ${size}; references can be at most ${limit}.`,
      ...about,
    };
  }
  const type = sniffImageType(file.head);
  if (!isAcceptedType(type))
    return {
      code: 'reference:unsupported_type',
      message: `${file.name} is ${type === 'svg' ? 'an SVG drawing' : 'not an image we can read'}; use a PNG, JPEG, WebP, AVIF, TIFF, BMP, GIF or HEIC image.`,
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
  if (width < 1 || height < 1)
    return {
      code: 'reference:unreadable',
      message: `${name} declares no size (${width} × ${height} px); the file may be damaged.`,
      file: name,
    };
  if (width > MAX_SIDE_PX || height > MAX_SIDE_PX || width * height > MAX_PIXELS)
    return {
      code: 'reference:dimensions',
      message: `${name} is too large (${width} × ${height} px); references can be at most ${MAX_SIDE_PX} px a side and ${MAX_PIXELS / 1_000_000} megapixels.`,
      file: name,
    };
  return null;
}

/**
 * Limits on what a JPEG header may ask of the decoder. A progressive JPEG is decoded whole into a coefficient
 * buffer (about 2 bytes a sample) and every scan passes over it: measured at 10000², hundreds of scans took 14–19 s
 * of CPU. Camera and web files stay far inside these (≤ 4 components, ~10 scans, phone photos ≤ 50 MP baseline).
 */
export const MAX_JPEG_COMPONENTS = 4;
export const MAX_JPEG_SCANS = 100;
export const MAX_PROGRESSIVE_PIXELS = 36_000_000;

const UNREADABLE_CODING: Partial<Record<JpegHeader['coding'], string>> = {
  lossless: 'a lossless JPEG',
  hierarchical: 'a hierarchical JPEG',
};

/** The checks a JPEG's markers allow before any decoding (see `readJpegHeader`). Null when it may be decoded. */
export function checkJpegHeader(name: string, header: JpegHeader | null): AppError | null {
  const about = { file: name };
  if (!header)
    return {
      code: 'reference:unreadable',
      message: `${name} has no JPEG frame header; the file may be damaged.`,
      ...about,
    };
  const kind = UNREADABLE_CODING[header.coding] ?? (header.precision !== 8 ? `a ${header.precision}-bit JPEG` : null);
  if (kind || header.height === 0)
    return {
      code: 'reference:unsupported_type',
      message: `${name} is a JPEG type we can't read (${kind ?? 'its height is given after the image data'}); save it as an ordinary 8-bit JPEG or PNG.`,
      ...about,
    };
  const tooBig = checkDimensions(name, header.width, header.height);
  if (tooBig) return tooBig;
  if (header.components < 1 || header.components > MAX_JPEG_COMPONENTS)
    return {
      code: 'reference:too_complex',
      message: `${name} declares ${header.components} colour components; a JPEG has at most ${MAX_JPEG_COMPONENTS}.`,
      ...about,
    };
  if (header.scans > MAX_JPEG_SCANS)
    return {
      code: 'reference:too_complex',
      message: `${name} has ${header.scans} progressive scans; at most ${MAX_JPEG_SCANS} can be read. Save it again as an ordinary JPEG or PNG.`,
      ...about,
    };
  if (header.coding === 'progressive' && header.width * header.height > MAX_PROGRESSIVE_PIXELS)
    return {
      code: 'reference:dimensions',
      message: `${name} is a progressive JPEG of ${header.width} × ${header.height} px; progressive JPEGs can be at most ${MAX_PROGRESSIVE_PIXELS / 1_000_000} megapixels. Save it as a baseline JPEG or PNG.`,
      ...about,
    };
  return null;
}
