/**
 * An image's type from its first bytes, never from its name or declared type. One place for the magic numbers,
 * used by reference validation, the upstream client (is a download really an image?) and the offline engine.
 */
export type SniffedType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'heic' | 'tiff' | 'bmp' | 'svg' | 'unknown';

/** The first bytes decide the type; 16 are enough. */
export const SNIFF_BYTES = 16;

export const MIME_BY_TYPE = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
} as const satisfies Record<Exclude<SniffedType, 'unknown'>, string>;

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

export function sniffImageType(head: Uint8Array): SniffedType {
  const starts = (...signature: number[]) => signature.every((byte, i) => head[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50)
    return 'webp';
  // ISO base media (HEIF family): 'ftyp' at 4, then the major brand. AVIF is HEIF with AV1 inside; the rest is HEVC
  // (iPhone photos) or the generic 'mif1', which only the decoder can tell apart.
  if (head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heic';
  }
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  // 'BM' alone is two letters of text; the DIB header's size at byte 14 makes it a bitmap.
  if (starts(0x42, 0x4d) && BMP_HEADER_SIZES.has((head[14] ?? 0) | ((head[15] ?? 0) << 8))) return 'bmp';
  const text = String.fromCharCode(...head.slice(0, SNIFF_BYTES))
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'svg';
  return 'unknown';
}

/** The MIME type of a web raster image (PNG, JPEG, GIF, WebP) by content; null for anything else. */
export function rasterMimeType(bytes: Uint8Array): string | null {
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  return type === 'png' || type === 'jpeg' || type === 'gif' || type === 'webp' ? MIME_BY_TYPE[type] : null;
}
