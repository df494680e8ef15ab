/**
 * An image's type from its first bytes, never from its name or declared type. One place for the magic numbers,
 * used by reference validation, the upstream client (is a download really an image?) and the offline engine.
 */
export type SniffedType = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg' | 'unknown';

/** The first bytes decide the type; 16 are enough. */
export const SNIFF_BYTES = 16;

export const MIME_BY_TYPE = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
} as const satisfies Record<Exclude<SniffedType, 'unknown'>, string>;

export function sniffImageType(head: Uint8Array): SniffedType {
  const starts = (...signature: number[]) => signature.every((byte, i) => head[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50)
    return 'webp';
  const text = String.fromCharCode(...head.slice(0, SNIFF_BYTES)).trimStart().toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'svg';
  return 'unknown';
}

/** The MIME type of a raster image (PNG, JPEG, GIF, WebP) by content; null for anything else. */
export function rasterMimeType(bytes: Uint8Array): string | null {
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  return type === 'unknown' || type === 'svg' ? null : MIME_BY_TYPE[type];
}
