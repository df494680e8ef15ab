import 'server-only';
import sharp from 'sharp';
import type { AssetRow } from '../storage/schema';

/** The upload endpoint refuses files over 10 MB, while references may be 50 MB. */
export const UPSTREAM_UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface UploadFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}

/**
 * What we send upstream for a stored reference: the original when it already displays upright and fits the upload
 * limit; otherwise a faithful re-encode with EXIF orientation applied (so the pixels match the mask drawn over the
 * displayed image), at the same pixel size, in the same format, stepping down only as far as the limit requires.
 */
export async function prepareReference(asset: AssetRow, original: Uint8Array): Promise<UploadFile> {
  const isPng = asset.mime === 'image/png';
  if (asset.orientation === 1 && original.byteLength <= UPSTREAM_UPLOAD_LIMIT) {
    return { bytes: original, filename: asset.filename, contentType: asset.mime };
  }
  const upright = sharp(original, { limitInputPixels: false }).rotate();
  if (isPng) {
    const png = await upright.clone().png({ compressionLevel: 9 }).toBuffer();
    if (png.byteLength <= UPSTREAM_UPLOAD_LIMIT) return { bytes: png, filename: asset.filename, contentType: 'image/png' };
  }
  for (const quality of [95, 90, 85, 80, 70]) {
    const jpeg = await upright.clone().jpeg({ quality, chromaSubsampling: '4:4:4', mozjpeg: true }).toBuffer();
    if (jpeg.byteLength <= UPSTREAM_UPLOAD_LIMIT) {
      return { bytes: jpeg, filename: renameTo(asset.filename, 'jpg'), contentType: 'image/jpeg' };
    }
  }
  // Still too big at quality 70: only now give up pixel size, keeping the aspect ratio.
  const scaled = await upright
    .resize(Math.round(asset.width * 0.7), Math.round(asset.height * 0.7))
    .jpeg({ quality: 85 })
    .toBuffer();
  return { bytes: scaled, filename: renameTo(asset.filename, 'jpg'), contentType: 'image/jpeg' };
}

/** Masks are PNGs we made at the base's size: sent as they are, never recompressed lossily. */
export function prepareMask(asset: AssetRow, bytes: Uint8Array): UploadFile {
  return { bytes, filename: 'mask.png', contentType: 'image/png' };
}

function renameTo(filename: string, extension: string): string {
  return `${filename.replace(/\.[^.]+$/, '')}.${extension}`;
}
