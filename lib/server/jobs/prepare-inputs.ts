import 'server-only';
import sharp from 'sharp';
import { MAX_PIXELS } from '@/lib/references/rules';
import type { AssetRow } from '../storage/schema';

/** The upload endpoint refuses files over 10 MB, while references may be 50 MB. */
export const UPSTREAM_UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface UploadFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
  /** Pixel size of what is sent (upright). */
  width: number;
  height: number;
}

/**
 * What we send upstream for a stored reference: the original when it already displays upright and fits the upload
 * limit; otherwise a faithful re-encode with EXIF orientation applied (so the pixels match the mask drawn over the
 * displayed image), at the same pixel size, in the same format, stepping down only as far as the limit requires.
 * The user's original stays untouched in our store.
 */
export async function prepareReference(
  asset: AssetRow,
  original: Uint8Array,
  limit = UPSTREAM_UPLOAD_LIMIT,
): Promise<UploadFile> {
  const size = { width: asset.width, height: asset.height };
  if (asset.orientation === 1 && original.byteLength <= limit) {
    return { bytes: original, filename: asset.filename, contentType: asset.mime, ...size };
  }
  // Stored references passed the upload check (at most MAX_PIXELS), so that is the most a decode here may take.
  const upright = sharp(original, { limitInputPixels: MAX_PIXELS }).rotate();
  if (asset.mime === 'image/png') {
    const png = await upright.clone().png({ compressionLevel: 9 }).toBuffer();
    if (png.byteLength <= limit) return { bytes: png, filename: asset.filename, contentType: 'image/png', ...size };
  }
  for (const quality of [95, 90, 85, 80, 70]) {
    const jpeg = await upright.clone().jpeg({ quality, chromaSubsampling: '4:4:4', mozjpeg: true }).toBuffer();
    if (jpeg.byteLength <= limit) {
      return { bytes: jpeg, filename: renameTo(asset.filename, 'jpg'), contentType: 'image/jpeg', ...size };
    }
  }
  // Still too big at quality 70: only now give up pixel size, keeping the aspect ratio, as little as needed.
  for (let scale = 0.85; ; scale *= 0.85) {
    const width = Math.max(1, Math.round(asset.width * scale));
    const height = Math.max(1, Math.round(asset.height * scale));
    const jpeg = await upright.clone().resize(width, height).jpeg({ quality: 85 }).toBuffer();
    if (jpeg.byteLength <= limit || width < 64) {
      return { bytes: jpeg, filename: renameTo(asset.filename, 'jpg'), contentType: 'image/jpeg', width, height };
    }
  }
}

/**
 * Masks are PNGs we made at the base's size: sent as they are, never recompressed lossily. If the base had to be
 * scaled to fit the upload limit, the mask is scaled to the same size (still PNG, alpha kept) so they still match.
 */
export async function prepareMask(
  asset: AssetRow,
  bytes: Uint8Array,
  baseSent?: { width: number; height: number },
): Promise<UploadFile> {
  if (!baseSent || (baseSent.width === asset.width && baseSent.height === asset.height)) {
    return { bytes, filename: 'mask.png', contentType: 'image/png', width: asset.width, height: asset.height };
  }
  const scaled = await sharp(bytes)
    .resize(baseSent.width, baseSent.height, { fit: 'fill', kernel: 'nearest' })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return {
    bytes: scaled,
    filename: 'mask.png',
    contentType: 'image/png',
    width: baseSent.width,
    height: baseSent.height,
  };
}

function renameTo(filename: string, extension: string): string {
  return `${filename.replace(/\.[^.]+$/, '')}.${extension}`;
}
